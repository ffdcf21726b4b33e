package io.papersearch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Splits a UTF-8 byte stream into numbered lines, decoding each line on its own.
 *
 * <p>A {@code BufferedReader} over a strict decoder fails the whole file at the first bad byte and
 * a lenient one hides it; decoding line by line lets a reader reject exactly the affected record
 * and go on. A bad line is still returned, decoded with U+FFFD replacements and flagged, so that a
 * CSV reader can keep track of its quotes.
 *
 * <p>Lines end at {@code \n}; a {@code \r} before it is dropped. A BOM at the start of the stream
 * is skipped. Not thread-safe: one instance per read.
 */
final class Utf8LineReader {

  /** Longest line accepted; longer ones mean a binary or runaway file, not a paper record. */
  static final int MAX_LINE_BYTES = 16 << 20;

  /** One line: its 1-based number, its text without terminator, and whether it was invalid UTF-8. */
  record Line(int number, String text, boolean malformed) {}

  private final InputStream in;
  private final Path source;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] line = new byte[1 << 12];
  private int lineLength;
  private int number;

  Utf8LineReader(InputStream in, Path source) {
    this.in = in;
    this.source = source;
  }

  /** Returns the next line, or null at the end of the stream. */
  Line next() throws IOException {
    lineLength = 0;
    boolean readAny = false;
    while (true) {
      if (position == limit && !fill()) {
        if (!readAny) {
          return null;
        }
        break;
      }
      readAny = true;
      int newline = indexOfNewline();
      int end = newline < 0 ? limit : newline;
      append(position, end - position);
      position = newline < 0 ? limit : newline + 1;
      if (newline >= 0) {
        break;
      }
    }
    number++;
    int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
    String text;
    boolean malformed = false;
    try {
      text = decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
    } catch (CharacterCodingException e) {
      text = new String(line, 0, length, StandardCharsets.UTF_8);
      malformed = true;
    }
    if (number == 1 && text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return new Line(number, text, malformed);
  }

  /** The number of the line last returned; 0 before the first. */
  int lineNumber() {
    return number;
  }

  private int indexOfNewline() {
    for (int i = position; i < limit; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void append(int from, int length) throws IOException {
    if (lineLength + length > MAX_LINE_BYTES) {
      throw new IOException(
          source + ":" + (number + 1) + ": line is longer than " + (MAX_LINE_BYTES >> 20)
              + " MiB; is this a text file in the right format?");
    }
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(lineLength + length, line.length * 2));
    }
    System.arraycopy(buffer, from, line, lineLength, length);
    lineLength += length;
  }

  private boolean fill() throws IOException {
    int read;
    try {
      read = in.read(buffer);
    } catch (IOException e) {
      throw new IOException("cannot read " + source + ": " + e.getMessage(), e);
    }
    if (read < 0) {
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }
}
