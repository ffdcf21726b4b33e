package io.papersearch.index;

import io.papersearch.ingest.Lang;
import io.papersearch.ingest.Paper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Decides which text of a paper is embedded for each language, and hashes it.
 *
 * <p>English vector: the title if it is English, then the English abstract. Chinese vector: the
 * title if it is Chinese, then the Chinese abstract. A paper with an English title and only a
 * Chinese abstract thus gets both vectors. Stateless and thread-safe.
 */
public final class EmbeddingTexts {
  private EmbeddingTexts() {}

  /** The text to embed per language; languages without text are absent. */
  public static Map<Lang, String> of(Paper paper) {
    Map<Lang, String> texts = new EnumMap<>(Lang.class);
    Lang titleLang = paper.title() == null ? null : Lang.detect(paper.title());
    for (Lang lang : Lang.values()) {
      String title = titleLang == lang ? paper.title() : null;
      String body = lang == Lang.ZH ? paper.abstractZh() : paper.abstractEn();
      String text = join(title, body);
      if (text != null) {
        texts.put(lang, text);
      }
    }
    return texts;
  }

  private static String join(String title, String body) {
    if (title == null) {
      return body;
    }
    return body == null ? title : title + "\n" + body;
  }

  /**
   * Content hash of a text as embedded by a model: equal hashes mean the stored vector can be reused.
   */
  public static String hash(String modelId, String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(modelId.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      byte[] digest = sha.digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
