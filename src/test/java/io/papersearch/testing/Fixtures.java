package io.papersearch.testing;

import io.papersearch.embed.Embedders;
import io.papersearch.index.Indexer;
import io.papersearch.index.PaperIndex;
import io.papersearch.index.VectorStorage;
import io.papersearch.ingest.Paper;
import java.nio.file.Path;
import java.util.List;

/** Tiny corpora and wiring for unit tests. */
public final class Fixtures {
  private Fixtures() {}

  public static Embedders fakeEmbedders() {
    return new Embedders(new FakeEmbedder("fake-en", "en"), new FakeEmbedder("fake-zh", "zh"));
  }

  public static Paper paper(String id, String title, Integer year, String abstractEn, String abstractZh) {
    return new Paper(id, title, List.of("Ada Lovelace", "Alan Turing"), year, "ICCV", "https://example.org/" + id, null, abstractEn, abstractZh, List.of());
  }

  /** A paper with its own venue, authors and keywords. */
  public static Paper paper(
      String id, String title, Integer year, String venue, List<String> authors, List<String> keywords,
      String abstractEn, String abstractZh) {
    return new Paper(id, title, authors, year, venue, "https://example.org/" + id, null, abstractEn, abstractZh, keywords);
  }

  /**
   * Five papers on four topics, some with Chinese abstracts. Venues ICCV (p2, p3; p4 spells it
   * {@code iccv}) and MICCAI (p1, p5); "Ada Lovelace" wrote p1 and p2, and p5's author has
   * "Lovelace" as the second part of a hyphenated name; p4 has a Chinese author.
   */
  public static List<Paper> corpus() {
    return List.of(
        paper("p1", "Semi-supervised segmentation of organs", 2021, "MICCAI", List.of("Ada Lovelace", "Alan Turing"),
            List.of("Semi-supervised learning", "医学图像"),
            "We study segmentation with few labels using consistency training.", "我们研究少量标注下的器官分割。"),
        paper("p2", "Deformable registration with transformers", 2022, "ICCV", List.of("Grace Hopper", "Ada Lovelace"),
            List.of("Image registration"),
            "A registration network aligns brain scans.", "一种用于脑部扫描配准的网络。"),
        paper("p3", "Sparse-view CT reconstruction", 2023, "ICCV", List.of("Alan Turing"), List.of(),
            "Reconstruction of CT images from sparse views with diffusion priors.", null),
        paper("p4", "Lesion detection in chest X-rays", 2023, "iccv", List.of("王小明", "Grace Hopper"), List.of("Chest X-ray"),
            "Detection of lung lesions with a one-stage detector.", "胸片中的病灶检测。"),
        paper("p5", "Segmentation under domain shift", 2023, "MICCAI", List.of("Émile Durand-Lovelace"),
            List.of("semi-supervised learning"),
            "Segmentation models that adapt to new scanners.", null));
  }

  /** An index in {@code dir} holding {@link #corpus()}, committed. */
  public static PaperIndex indexedCorpus(Path dir, Embedders embedders) {
    return indexedCorpus(dir, embedders, null);
  }

  /** As {@link #indexedCorpus(Path, Embedders)}, storing vectors as {@code storage}. */
  public static PaperIndex indexedCorpus(Path dir, Embedders embedders, VectorStorage storage) {
    PaperIndex index = PaperIndex.openForWriting(dir, Indexer.schemaOf(embedders), storage, PaperIndex.DEFAULT_RAM_BUFFER_MB);
    Indexer indexer = new Indexer(index, embedders);
    corpus().forEach(indexer::index);
    index.commit();
    return index;
  }
}
