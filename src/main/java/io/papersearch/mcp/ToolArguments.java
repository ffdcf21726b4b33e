package io.papersearch.mcp;

import io.papersearch.search.ErrorCode;
import io.papersearch.search.PapersearchException;
import io.papersearch.search.SearchMode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one tool call, read and checked one by one. Every refusal is a
 * {@link PapersearchException} in the REST API's vocabulary whose message names the argument and
 * echoes the bad value, which the tools return as an MCP tool error ({@code isError}) so the model
 * can correct itself.
 *
 * <p>Numbers are accepted as JSON integers, as integral decimals ({@code 5.0}) and as strings of
 * digits ({@code "5"}): language models produce all three for an integer parameter, and refusing
 * the unambiguous ones would only cost a round trip.
 *
 * <p>Not thread-safe, and needs not be: one instance per call.
 */
final class ToolArguments {
  private final Map<String, Object> values;

  /**
   * @param values the call's arguments (null: none)
   * @param allowed the names the tool takes; any other is refused by name
   */
  ToolArguments(Map<String, Object> values, Set<String> allowed) {
    this.values = values == null ? Map.of() : values;
    for (String name : this.values.keySet()) {
      if (!allowed.contains(name)) {
        throw new PapersearchException(ErrorCode.UNKNOWN_PARAMETER,
            "unknown argument '" + name + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  /** A required, non-blank string of at most {@code maxChars} characters. */
  String requiredString(String name, int maxChars, ErrorCode code) {
    Object v = values.get(name);
    if (v == null) {
      throw new PapersearchException(code, "argument '" + name + "' is required");
    }
    if (!(v instanceof String s)) {
      throw new PapersearchException(code, "argument '" + name + "' must be a string, got " + describe(v));
    }
    if (s.isBlank()) {
      throw new PapersearchException(code, "argument '" + name + "' must not be empty");
    }
    if (s.length() > maxChars) {
      throw new PapersearchException(
          name.equals("query") ? ErrorCode.QUERY_TOO_LONG : code,
          "argument '" + name + "' must be at most " + maxChars + " characters, got " + s.length());
    }
    return s;
  }

  /** An optional integer in {@code [min, max]}; {@code fallback} when absent. */
  int integer(String name, int fallback, int min, int max, ErrorCode code) {
    Integer v = integerOrNull(name, code);
    if (v == null) {
      return fallback;
    }
    if (v < min || v > max) {
      throw new PapersearchException(code, "argument '" + name + "' must be between " + min + " and " + max + ", got " + v);
    }
    return v;
  }

  /** An optional year (0..9999), or null. */
  Integer year(String name) {
    Integer v = integerOrNull(name, ErrorCode.INVALID_SEARCH_YEAR);
    if (v != null && (v < 0 || v > 9999)) {
      throw new PapersearchException(ErrorCode.INVALID_SEARCH_YEAR, "argument '" + name + "' must be a year between 0 and 9999, got " + v);
    }
    return v;
  }

  /** An optional search mode; hybrid when absent. */
  SearchMode mode(String name) {
    Object v = values.get(name);
    if (v == null) {
      return SearchMode.HYBRID;
    }
    if (!(v instanceof String s)) {
      throw new PapersearchException(
          ErrorCode.INVALID_SEARCH_MODE, "argument '" + name + "' must be keyword, semantic or hybrid, got " + describe(v));
    }
    try {
      return SearchMode.parse(s);
    } catch (PapersearchException e) {
      throw new PapersearchException(
          ErrorCode.INVALID_SEARCH_MODE, "argument '" + name + "' must be keyword, semantic or hybrid, got " + describe(v), e);
    }
  }

  private Integer integerOrNull(String name, ErrorCode code) {
    Object v = values.get(name);
    if (v == null) {
      return null;
    }
    try {
      BigDecimal d = switch (v) {
        case Integer i -> BigDecimal.valueOf(i);
        case Long l -> BigDecimal.valueOf(l);
        case Short s -> BigDecimal.valueOf(s);
        case Double x -> BigDecimal.valueOf(x);
        case Float x -> BigDecimal.valueOf(x);
        case BigDecimal x -> x;
        case java.math.BigInteger x -> new BigDecimal(x);
        case String s -> new BigDecimal(s.strip());
        default -> throw new NumberFormatException();
      };
      return d.intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new PapersearchException(code, "argument '" + name + "' must be an integer, got " + describe(v), e);
    }
  }

  /** A bad value as the model sent it, abbreviated: {@code 'abc'}, {@code 2.5}, {@code an array}. */
  static String describe(Object v) {
    return switch (v) {
      case String s -> "'" + (s.length() <= 40 ? s : s.substring(0, 40) + "...") + "'";
      case Number n -> n.toString();
      case Boolean b -> b.toString();
      case java.util.List<?> l -> "an array";
      case Map<?, ?> m -> "an object";
      default -> v.getClass().getSimpleName();
    };
  }
}
