package io.papersearch.ingest;

import java.util.List;
import java.util.Map;

/** Formatting of raw values for error messages. Thread-safe: stateless. */
final class Values {

  private static final int MAX_QUOTED = 60;

  private Values() {}

  /** {@code 'value'}, shortened to 60 characters with an ellipsis; {@code null} for null. */
  static String quote(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value.toString();
    if (text.length() > MAX_QUOTED) {
      text = text.substring(0, MAX_QUOTED) + "…";
    }
    return "'" + text + "'";
  }

  /** The JSON name of a parsed value's type, for "got array"-style messages. */
  static String jsonType(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String) {
      return "string";
    } else if (value instanceof Number) {
      return "number";
    } else if (value instanceof Boolean) {
      return "boolean";
    } else if (value instanceof List<?>) {
      return "array";
    } else if (value instanceof Map<?, ?>) {
      return "object";
    }
    return value.getClass().getSimpleName();
  }
}
