package io.papersearch.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * JSON Lines: one JSON object per line ({@code .jsonl}, {@code .ndjson}), such as the ACL
 * Anthology dump or a BEIR {@code corpus.jsonl}. Blank lines are skipped; a line that is not one
 * JSON object is rejected. Duplicate keys are rejected rather than silently resolved.
 *
 * <p>Thread-safe: the Jackson reader is immutable.
 */
final class JsonlReader implements PaperReader {

  private static final int MAX_MESSAGE = 200;

  private static final ObjectReader JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build()
          .readerFor(Object.class);

  @Override
  public void read(InputStream in, Path source, PaperSink sink) throws IOException {
    Utf8LineReader lines = new Utf8LineReader(in, source);
    for (Utf8LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      if (line.malformed()) {
        sink.reject(new Rejection(source, line.number(), "line is not valid UTF-8"));
        continue;
      }
      if (line.text().isBlank()) {
        continue;
      }
      Object value;
      try {
        value = JSON.readValue(line.text());
      } catch (JsonProcessingException e) {
        sink.reject(new Rejection(source, line.number(), "invalid JSON: " + shorten(e)));
        continue;
      }
      if (value instanceof Map<?, ?> object) {
        @SuppressWarnings("unchecked") // JSON object keys are always strings
        Map<String, ?> record = (Map<String, ?>) object;
        RecordMapper.plain().deliver(record, source, line.number(), sink);
      } else {
        sink.reject(new Rejection(source, line.number(),
            "line must be a JSON object, got " + Values.jsonType(value)));
      }
    }
  }

  private static String shorten(JsonProcessingException e) {
    // Jackson appends a source/marker description that only repeats the line; keep the reason.
    String message = e.getOriginalMessage().replaceAll("(?s)\\s*\\(start marker at.*$", "").replaceAll("(?s)\n.*$", "");
    if (e.getLocation() != null && e.getLocation().getColumnNr() > 0) {
      message += " (column " + e.getLocation().getColumnNr() + ")";
    }
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
  }
}
