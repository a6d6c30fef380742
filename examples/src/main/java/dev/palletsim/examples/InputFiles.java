package dev.palletsim.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the text of an input file (a scenario, a sweep) before any parser sees it, refusing what is
 * not a small UTF-8 text file with the real reason: larger than {@link #MAX_BYTES} (checked before
 * reading, and at most that many bytes are ever read, so no input makes {@code check} or {@code
 * run} hang), not UTF-8 (with the byte offset of the first bad byte), or holding control characters
 * that no text file has.
 */
public final class InputFiles {
  /** The largest input file: 1 MiB, some hundred times the largest example scenario. */
  public static final int MAX_BYTES = 1 << 20;

  private InputFiles() {}

  /**
   * The text of {@code path}; {@code what} names the kind of file in messages ({@code "a scenario
   * file"}). Problems are {@link ScenarioException}s about the whole file.
   */
  public static String read(Path path, String what) {
    String name = path.toString();
    byte[] bytes;
    try {
      long size = Files.size(path);
      if (size > MAX_BYTES) throw tooLarge(name, what, size);
      try (InputStream in = Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
    } catch (NoSuchFileException e) {
      throw ScenarioException.ofFile(name, "cannot read: no such file");
    } catch (IOException e) {
      throw ScenarioException.ofFile(name, "cannot read: " + reason(e));
    }
    if (bytes.length > MAX_BYTES) throw tooLarge(name, what, bytes.length);
    return decode(name, bytes);
  }

  /** {@code text} given directly (not from a file) passes the same size limit. */
  static void checkSize(String file, String text, String what) {
    if (text.length() > MAX_BYTES) throw tooLarge(file, what, text.length());
  }

  private static ScenarioException tooLarge(String file, String what, long size) {
    return ScenarioException.ofFile(
        file,
        String.format(
            Locale.ROOT,
            "%,d bytes is more than %s may hold (%,d bytes, 1 MiB); is it the file you meant?",
            size,
            what,
            MAX_BYTES));
  }

  /**
   * {@code bytes} as UTF-8 text without a leading byte-order mark; not UTF-8, or a control
   * character other than tab, line feed and carriage return, is an error naming its byte offset.
   */
  static String decode(String file, byte[] bytes) {
    int start = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      start = 3;
    } else if (bytes.length >= 2
        && ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff
            || (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe)) {
      throw ScenarioException.ofFile(
          file,
          "not a UTF-8 text file: it starts with a UTF-16 byte-order mark (save it as UTF-8)");
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) r = decoder.flush(out);
    if (r.isError()) {
      int offset = in.position();
      throw ScenarioException.ofFile(
          file,
          String.format(
              Locale.ROOT,
              "not a UTF-8 text file: byte %d (0x%02X) is not valid UTF-8",
              offset,
              bytes[offset] & 0xff));
    }
    out.flip();
    for (int i = start; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f) {
        throw ScenarioException.ofFile(
            file,
            String.format(
                Locale.ROOT,
                "not a UTF-8 text file: byte %d is the control character 0x%02X",
                i,
                b));
      }
    }
    return out.toString();
  }

  /** An I/O problem in words: the reason without the exception's class name. */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof NoSuchFileException) return "no such file or directory";
    if (e instanceof java.nio.file.FileAlreadyExistsException) return "it already exists";
    if (e instanceof java.nio.file.NotDirectoryException) return "not a directory";
    if (e instanceof java.nio.file.DirectoryNotEmptyException) return "the directory is not empty";
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
