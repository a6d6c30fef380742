package dev.palletsim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bom/pom.xml lists every published artifact of the reactor at the project's version (issue 15
 * point 2): a module added to the build and published is a module the BOM names.
 */
class BomTest {
  static final Path ROOT = Path.of("..");

  static String read(String path) throws Exception {
    return Files.readString(ROOT.resolve(path));
  }

  static String first(String xml, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(xml);
    return m.find() ? m.group(1).trim() : null;
  }

  @Test
  void theBomNamesEveryPublishedModuleAtTheProjectsVersion() throws Exception {
    String parent = read("pom.xml");
    String bom = read("bom/pom.xml");
    String version = first(parent, "version");
    assertThat(first(bom, "version")).isEqualTo(version);
    assertThat(first(bom, "artifactId")).isEqualTo("palletsim-bom");

    TreeSet<String> published = new TreeSet<>();
    Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    while (modules.find()) {
      String module = modules.group(1);
      if (module.equals("bom")) continue;
      String pom = read(module + "/pom.xml");
      if (pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")) continue;
      assertThat(pom).as(module).contains("<version>" + version + "</version>");
      published.add(first(pom.substring(pom.indexOf("</parent>")), "artifactId"));
    }
    List<String> listed = new ArrayList<>();
    Matcher deps =
        Pattern.compile(
                "<artifactId>([^<]+)</artifactId>\\s*<version>\\$\\{project.version}</version>")
            .matcher(bom);
    while (deps.find()) listed.add(deps.group(1));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(published);
    assertThat(published).contains("frame", "testkit", "runtime-harness", "pallet-market");
  }
}
