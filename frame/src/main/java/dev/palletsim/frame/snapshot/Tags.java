package dev.palletsim.frame.snapshot;

/**
 * The one-byte tags of the value encoding (docs/design.md, "Snapshot file format"). Every value
 * starts with a tag; a tag of 0x80 or more is a value of the type with id {@code tag - 0x80} (a
 * record, an enum constant or a codec class) defined earlier in the file by a {@link #DEFINE}.
 */
final class Tags {
  private Tags() {}

  static final int NULL = 0x00;
  static final int FALSE = 0x01;
  static final int TRUE = 0x02;
  static final int LONG = 0x03;
  static final int INT = 0x04;
  static final int SHORT = 0x05;
  static final int BYTE = 0x06;
  static final int CHAR = 0x07;
  static final int STRING = 0x08;
  static final int BYTES = 0x09;
  static final int BIG_INTEGER = 0x0a;
  static final int DOUBLE = 0x0b;
  static final int NONE = 0x0c;
  static final int SOME = 0x0d;
  static final int LONG_ARRAY = 0x0e;
  static final int DOUBLE_ARRAY = 0x0f;

  static final int LIST = 0x10;
  static final int VECTOR = 0x11;
  static final int ARRAY = 0x12;
  static final int QUEUE = 0x13;
  static final int STREAM = 0x14;

  static final int HASH_SET = 0x18;
  static final int TREE_SET = 0x19;
  static final int LINKED_HASH_SET = 0x1a;

  static final int HASH_MAP = 0x1c;
  static final int TREE_MAP = 0x1d;
  static final int LINKED_HASH_MAP = 0x1e;

  static final int MAP_ROOT = 0x20;
  static final int INDEXED_ROOT = 0x21;
  static final int VALUE_ROOT = 0x22;
  static final int PACKED_ROOT = 0x23;

  /** A value of a defined type whose id does not fit the tag: a varint id follows. */
  static final int TYPED = 0x7e;

  /** A type definition; the value it precedes follows it. */
  static final int DEFINE = 0x7f;

  /** The first tag that carries a type id. */
  static final int TYPED_SHORT = 0x80;

  // kinds of type definition
  static final int KIND_RECORD = 1;
  static final int KIND_ENUM = 2;
  static final int KIND_CODEC = 3;
  static final int KIND_COMPARATOR = 4;
  static final int KIND_LAYOUT = 5;

  // comparators of sorted collections
  static final int COMPARATOR_NATURAL = 0;
  static final int COMPARATOR_REVERSE = 1;
  static final int COMPARATOR_VAVR_NATURAL = 2;
  static final int COMPARATOR_ENUM = 3;
  static final int COMPARATOR_RECORD = 4;
}
