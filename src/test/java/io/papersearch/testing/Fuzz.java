package io.papersearch.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;

/**
 * Seeds, sizes and byte mutations shared by the fuzz campaigns.
 *
 * <p>Every campaign draws everything from one {@link Random} built from {@link #seed(String)}, so a
 * failure is replayed exactly by passing the printed seed back as {@code -Dpapersearch.fuzz.seed=}.
 */
public final class Fuzz {
  private Fuzz() {}

  /** {@code -Dpapersearch.fuzz.seed=N} when given (a replay), else a fresh seed for this run. */
  public static long seed() {
    String s = System.getProperty("papersearch.fuzz.seed");
    if (s != null && !s.isBlank()) {
      return Long.parseLong(s.trim());
    }
    return new Random().nextLong();
  }

  /** {@code -Dpapersearch.fuzz.requests=N} when given (10,000 is the full campaign), else {@code fallback}. */
  public static int count(String property, int fallback) {
    String s = System.getProperty(property);
    return s == null || s.isBlank() ? fallback : Integer.parseInt(s.trim());
  }

  /** What to paste to replay a run: the seed and how many iterations it had. */
  public static String replay(long seed, String countProperty, int count) {
    return "seed " + seed + " (replay: -Dpapersearch.fuzz.seed=" + seed + " -D" + countProperty + "=" + count + ")";
  }

  /** Bytes that are not UTF-8: a lone continuation byte, an overlong form, a truncated sequence, a surrogate, 0xFF. */
  public static final byte[][] INVALID_UTF8 = {
    {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
  };

  public static byte[] invalidUtf8(Random r) {
    return INVALID_UTF8[r.nextInt(INVALID_UTF8.length)];
  }

  /** One random mutation of {@code in}: flips, truncation, inserted NUL/control/invalid bytes, duplicated or removed delimiters, a huge run. */
  public static byte[] mutate(byte[] in, Random r, String delimiters) {
    return mutateRange(in, 0, in.length, r, delimiters);
  }

  /**
   * One random mutation inside {@code [from, to)} of {@code in}, the rest left as is (so a test can
   * check that records outside the range still read).
   */
  public static byte[] mutateRange(byte[] in, int from, int to, Random r, String delimiters) {
    int span = Math.max(1, to - from);
    int at = from + r.nextInt(span);
    at = Math.min(at, in.length);
    byte[] delims = delimiters.getBytes(StandardCharsets.UTF_8);
    return switch (r.nextInt(9)) {
      case 0 -> { // flip one byte to anything
        if (at >= in.length || at >= to) {
          yield splice(in, at, 0, new byte[] {(byte) r.nextInt(256)});
        }
        byte[] out = in.clone();
        out[at] = (byte) r.nextInt(256);
        yield out;
      }
      case 1 -> splice(in, at, Math.min(to, in.length) - at, new byte[0]); // truncate the rest of the range
      case 2 -> splice(in, at, 0, new byte[] {0}); // NUL
      case 3 -> splice(in, at, 0, new byte[] {(byte) r.nextInt(32)}); // a control character (CR, LF, tab among them)
      case 4 -> splice(in, at, 0, invalidUtf8(r));
      case 5 -> splice(in, at, 0, new byte[] {delims[r.nextInt(delims.length)]}); // one delimiter too many
      case 6 -> { // one delimiter too few
        for (int i = at; i < Math.min(to, in.length); i++) {
          for (byte d : delims) {
            if (in[i] == d) {
              yield splice(in, i, 1, new byte[0]);
            }
          }
        }
        yield splice(in, at, 0, new byte[] {delims[0]});
      }
      case 7 -> splice(in, at, 0, huge(r)); // a huge field
      default -> { // a random run of bytes
        byte[] junk = new byte[1 + r.nextInt(16)];
        r.nextBytes(junk);
        yield splice(in, at, 0, junk);
      }
    };
  }

  /** A 100k-character word, or 1 MB of a repeated phrase. */
  public static byte[] huge(Random r) {
    String unit = r.nextBoolean() ? "a" : "分割 segmentation ";
    int chars = r.nextBoolean() ? 100_000 : 1 << 20;
    return unit.repeat(chars / unit.length()).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
    out.write(in, 0, at);
    out.write(insert, 0, insert.length);
    out.write(in, at + remove, in.length - at - remove);
    return out.toByteArray();
  }

  /** Bytes shown readably in a failure message: printable ASCII as is, the rest as {@code \xNN}, at most {@code max} bytes. */
  public static String show(byte[] b, int max) {
    StringBuilder sb = new StringBuilder();
    HexFormat hex = HexFormat.of().withUpperCase();
    for (int i = 0; i < Math.min(b.length, max); i++) {
      int c = b[i] & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append("\\x").append(hex.toHexDigits((byte) c));
      }
    }
    if (b.length > max) {
      sb.append(String.format(Locale.ROOT, "... (%,d bytes)", b.length));
    }
    return sb.toString();
  }
}
