package io.papersearch.index;

import java.util.HashMap;
import java.util.Map;

/**
 * What an index was built with: the model and vector dimension of each language. Written into every
 * Lucene commit's user data and checked when the index is opened, because vectors from a different
 * model (or of another dimension) would silently return nonsense.
 */
public record IndexSchema(String modelEn, int dimensionEn, String modelZh, int dimensionZh) {

  /**
   * Version of papersearch's document layout of new indexes; bump when fields change meaning. 2:
   * filter fields (venue, author, author prefix, keyword) and venue facet doc values; a version-1
   * index lacks them, so its filters would silently match nothing. 3: the keyword leg searches one
   * text field per language (title, abstract and keywords together, {@link PaperFields#TEXT_EN})
   * instead of separate title and abstract fields (README, Retrieval quality and Performance).
   */
  static final String FORMAT = "3";

  /**
   * Layout 2, still opened, searched and written as it is: its papers have separate title and
   * abstract fields, so its keyword leg keeps searching those.
   */
  static final String FORMAT_PER_FIELD = "2";

  static final String KEY_FORMAT = "papersearch.format";
  static final String KEY_MODEL_EN = "papersearch.model.en";
  static final String KEY_DIM_EN = "papersearch.dimension.en";
  static final String KEY_MODEL_ZH = "papersearch.model.zh";
  static final String KEY_DIM_ZH = "papersearch.dimension.zh";

  public IndexSchema {
    if (dimensionEn < 1) {
      throw new IllegalArgumentException("dimensionEn must be >= 1, got " + dimensionEn);
    }
    if (dimensionZh < 1) {
      throw new IllegalArgumentException("dimensionZh must be >= 1, got " + dimensionZh);
    }
  }

  /** The commit data of an index of layout {@code format}. */
  Map<String, String> toUserData(String format) {
    Map<String, String> m = new HashMap<>();
    m.put(KEY_FORMAT, format);
    m.put(KEY_MODEL_EN, modelEn);
    m.put(KEY_DIM_EN, Integer.toString(dimensionEn));
    m.put(KEY_MODEL_ZH, modelZh);
    m.put(KEY_DIM_ZH, Integer.toString(dimensionZh));
    return m;
  }

  /** The schema recorded in a commit, or null if the commit carries none (an empty new index). */
  static IndexSchema fromUserData(Map<String, String> data) {
    if (!data.containsKey(KEY_MODEL_EN)) {
      return null;
    }
    return new IndexSchema(
        data.get(KEY_MODEL_EN),
        Integer.parseInt(data.get(KEY_DIM_EN)),
        data.get(KEY_MODEL_ZH),
        Integer.parseInt(data.get(KEY_DIM_ZH)));
  }

  /**
   * @throws IndexMismatchException naming both models if {@code recorded} differs from this schema
   */
  void requireCompatible(IndexSchema recorded, String where) {
    if (recorded != null && !recorded.equals(this)) {
      throw new IndexMismatchException(
          "index " + where + " was built with " + recorded.describe() + " but this run uses " + describe()
              + "; use the same models, or index into a new folder");
    }
  }

  String describe() {
    return "en=" + modelEn + " (" + dimensionEn + "-d), zh=" + modelZh + " (" + dimensionZh + "-d)";
  }
}
