package io.papersearch.embed;

/** Whether a text is embedded as a search query or as an indexed passage (models prefix them differently). */
public enum Role {
  QUERY,
  PASSAGE
}
