package io.papersearch.search;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses a comma-separated list of names ({@code year,venue}) into a set of enum constants, refusing
 * unknown or empty names with a message that names the parameter, the bad name and the choices.
 * Names are matched exactly (they are response keys, so {@code abstractZh}, not {@code abstractzh});
 * spaces around commas are allowed, repeats are harmless. Stateless and thread-safe.
 */
final class NameList {
  private NameList() {}

  /**
   * @param param the parameter's name, for messages ({@code facets})
   * @param noun what one name is, for messages ({@code facet})
   * @param wire an enum constant's name on the wire
   * @return the named constants; empty when {@code value} is null or blank
   */
  static <E extends Enum<E>> Set<E> parse(
      String param, String noun, String value, Class<E> type, Function<E, String> wire, ErrorCode code) {
    Set<E> out = EnumSet.noneOf(type);
    if (value == null || value.isBlank()) {
      return out;
    }
    String choices = String.join(", ", EnumSet.allOf(type).stream().map(wire).toList());
    for (String raw : value.split(",", -1)) {
      String name = raw.strip();
      E found = null;
      for (E e : type.getEnumConstants()) {
        if (wire.apply(e).equals(name)) {
          found = e;
        }
      }
      if (found == null) {
        String shown = name.length() <= 40 ? name : name.substring(0, 40) + "...";
        throw new PapersearchException(
            code,
            name.isEmpty()
                ? param + ": empty " + noun + " name in '" + abbreviate(value) + "'; use " + choices
                : param + ": unknown " + noun + " '" + shown + "'; use " + choices);
      }
      out.add(found);
    }
    return out;
  }

  private static String abbreviate(String v) {
    return v.length() <= 60 ? v : v.substring(0, 60) + "...";
  }
}
