package io.papersearch.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.papersearch.ingest.Paper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The stored form of a paper: its record as compact JSON. Thread-safe. */
final class PaperJson {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private PaperJson() {}

  static byte[] write(Paper paper) {
    try {
      return JSON.writeValueAsBytes(paper);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise paper " + paper.id(), e);
    }
  }

  static Paper read(byte[] bytes) {
    try {
      return JSON.readValue(bytes, Paper.class);
    } catch (IOException e) {
      throw new UncheckedIOException("stored paper is not valid JSON", e);
    }
  }
}
