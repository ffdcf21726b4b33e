package io.papersearch.ingest;

import static io.papersearch.ingest.BibtexReaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RisReaderTest {

  @TempDir Path dir;

  @Test
  void zotero_export_is_read_and_a_record_cut_off_before_er_is_reported() throws IOException {
    CollectingSink sink = CollectingSink.read(resource("zotero.ris"));

    assertThat(sink.papers).containsExactly(
        new Paper("attention-guided-diffusion-models-for-low-dose-ct-denoising",
            "Attention-guided diffusion models for low-dose CT denoising",
            List.of("Thomas Müller", "José García", "Eva Nováková"), 2023, "Medical Image Analysis",
            "https://www.sciencedirect.com/science/article/pii/S1361841523000491",
            "10.1016/j.media.2023.102789",
            "Low-dose computed tomography (CT) reduces radiation exposure but increases noise. We"
                + " propose an attention-guided diffusion model that denoises low-dose CT in 10"
                + " sampling steps.",
            null, List.of("Denoising", "Diffusion models", "Low-dose CT")),
        // No abstract: indexed on its title. Same id as the IEEE export of the same paper.
        new Paper("semi-supervised-medical-image-segmentation-via-cross-63e70b4",
            "Semi-Supervised Medical Image Segmentation via Cross Teaching between CNN and Transformer",
            List.of("Wei Zhang", "Ingrid Øvrebø"), 2023,
            "Proceedings of the IEEE/CVF International Conference on Computer Vision (ICCV)",
            "https://openaccess.thecvf.com/content/ICCV2023/html/Zhang_Semi-Supervised_ICCV_2023_paper.html",
            null, null, null, List.of()),
        // Zotero writes Chinese names "family, given": joined without a space. Same id as in zotero.bib.
        new Paper("p-6cdd615beb70", "基于深度学习的医学图像分割研究综述", List.of("王小明", "李华"), 2023,
            "计算机学报", null, null, null,
            "医学图像分割是计算机辅助诊断的关键步骤。本文综述了基于深度学习的医学图像分割方法，包括全监督、半监督和弱监督方法。",
            List.of("医学图像分割", "深度学习", "半监督学习")));
    assertThat(sink.lines).containsExactly(1, 25, 38);
    assertThat(sink.rejectionTexts())
        .containsExactly("zotero.ris:57: record has no 'ER  - ' before the end of the file");
  }

  @Test
  void publisher_exports_ieee_wiley_springer_are_read_and_a_malformed_tag_line_is_reported()
      throws IOException {
    CollectingSink sink = CollectingSink.read(resource("publisher.ris"));

    assertThat(sink.lines).containsExactly(1, 25, 55, 82);
    // IEEE Xplore: BOM, CRLF, names already "F. Last", empty IS/VO/VL tags, Y1 "1-6 Oct. 2023".
    assertThat(sink.papers.get(0)).isEqualTo(new Paper(
        "semi-supervised-medical-image-segmentation-via-cross-63e70b4",
        "Semi-Supervised Medical Image Segmentation via Cross Teaching between CNN and Transformer",
        List.of("W. Zhang", "T. Müller", "E. Nováková"), 2023,
        "2023 IEEE/CVF International Conference on Computer Vision (ICCV)", null,
        "10.1109/ICCV51070.2023.01941",
        "Recently, deep learning with Convolutional Neural Networks (CNNs) and Transformers has shown"
            + " encouraging results in fully supervised medical image segmentation.",
        null, List.of("Image segmentation", "Training", "Semisupervised learning")));
    // Wiley: T1, JF (full name) over JO (abbreviation), N2 abstract continued over three lines,
    // DOI as a resolver URL.
    assertThat(sink.papers.get(1)).isEqualTo(new Paper(
        "federated-learning-for-multi-centre-brain-tumour-segmentation",
        "Federated learning for multi-centre brain tumour segmentation",
        List.of("Michał Kowalski", "Ingrid Øvrebø", "Văn An Nguyễn"), 2023, "Medical Physics",
        "https://doi.org/10.1002/mp.16234", "10.1002/mp.16234",
        "Abstract Purpose Brain tumour segmentation models trained at one hospital generalise poorly"
            + " to others. Methods We train a U-Net across five centres without sharing images."
            + " Results Dice improves from 0.81 to 0.86.",
        null, List.of("brain tumour", "federated learning", "segmentation")));
    // Springer: ID is the citation key.
    assertThat(sink.papers.get(2)).isEqualTo(new Paper("Wang2023",
        "Deep learning for surgical phase recognition: a review",
        List.of("Li Wang", "Anna Schröder", "Lars Østergaard"), 2023,
        "International Journal of Computer Assisted Radiology and Surgery",
        "https://doi.org/10.1007/s11548-022-02785-y", "10.1007/s11548-022-02785-y",
        "Surgical phase recognition is a prerequisite for context-aware assistance in the operating room.",
        null, List.of()));
    // Title only, after the broken record.
    assertThat(sink.papers.get(3)).isEqualTo(new Paper(
        "radiomics-signatures-for-early-detection-of-pancreatic-cancer",
        "Radiomics signatures for early detection of pancreatic cancer",
        List.of("Jürgen Schmidt", "Hélène Lefèvre"), 2021, "Radiology", null, null, null, null, List.of()));
    assertThat(sink.rejectionTexts()).containsExactly(
        "publisher.ris:74: line 76 is not a valid tag line (expected 'XX  - value'): 'AU - Kim, Ji-ho'");
  }

  @Test
  void fallback_tags_continuations_and_names() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "tags.ris", """
        Provider: Some Database
        Content: text/plain; charset="UTF-8"

        TY  - JOUR
        T1  - Fallback title
        A1  - Lefèvre, Hélène
        A1  - King, Martin Luther, Jr.
        A1  - Plato
        Y1  - 2019/03/02/
        JO  - Abbrev. J.
        BT  - Book Title
        N2  - Second choice abstract
        that continues here

        and after a blank line;
        CT-guided biopsy is a word, not a tag.
        UR  - https://first.example/
        UR  - https://second.example/
        KW  - one
        KW  -
        KW  - two
        ID  - 12
        LA  - fr
        ER  -
        TY  - BOOK
        TI  - Preferred title
        T1  - Other title
        AU  - Preferred, Author
        A1  - Other, Author
        PY  - 2020
        DA  - 2019/01/01/
        T2  - Series Title
        BT  - Book Title
        AB  - Preferred abstract
        N2  - Other abstract
        DO  - doi:10.1000/xyz
        ID  - my-key
        ER  - 
        """);
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.papers).containsExactly(
        // EndNote's numeric IDs are library record numbers, not names: the id comes from the title.
        new Paper("fallback-title", "Fallback title", List.of("Hélène Lefèvre", "Martin Luther King Jr.", "Plato"),
            2019, "Abbrev. J.", "https://first.example/", null,
            "Second choice abstract that continues here and after a blank line; CT-guided biopsy is a"
                + " word, not a tag.",
            null, List.of("one", "two")),
        new Paper("my-key", "Preferred title", List.of("Author Preferred"), 2020, "Series Title", null,
            "10.1000/xyz", "Preferred abstract", null, List.of()));
    assertThat(sink.lines).containsExactly(4, 25);
  }

  @Test
  void broken_records_are_rejected_at_their_ty_line_and_the_next_ones_are_read() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "broken.ris", """
        TY  - JOUR
        TI  - First
        ER  - 
        TY  - JOUR
        TI  - Never ended
        TY  - JOUR
        TI  - Second
        ER  - 
        TY - JOUR
        TI  - Broken TY line
        ER  - 
        TY  - JOUR
        TI  -Missing space
        ER  - 
        TI  - Tag before any TY
        ER  - 
        TY  - JOUR
        AU  - Nobody, Here
        ER  - 
        TY  - JOUR
        TI  - Bad year
        PY  - n.d.
        ER  - 
        TY  - JOUR
        TI  - Third
        ER  - 
        """);
    assertThat(sink.papers).extracting(Paper::title).containsExactly("First", "Second", "Third");
    assertThat(sink.lines).containsExactly(1, 6, 24);
    assertThat(sink.rejectionTexts()).containsExactly(
        "broken.ris:4: record has no 'ER  - ' before the next record on line 6",
        "broken.ris:9: record must start with 'TY  - ', got 'TY - JOUR'",
        "broken.ris:12: line 13 is not a valid tag line (expected 'XX  - value'): 'TI  -Missing space'",
        "broken.ris:15: record must start with 'TY  - ', got 'TI  - Tag before any TY'",
        "broken.ris:17: record has neither title nor abstract",
        "broken.ris:20: year must be an integer between 1000 and 2100, got 'n.d.'");
  }

  @Test
  void invalid_utf8_rejects_only_its_record() throws IOException {
    Path file = dir.resolve("mixed.ris");
    try (var out = Files.newOutputStream(file)) {
      out.write("TY  - JOUR\r\nTI  - Before\r\nER  - \r\n".getBytes(StandardCharsets.UTF_8));
      out.write("TY  - JOUR\r\nTI  - Bad ".getBytes(StandardCharsets.UTF_8));
      out.write(new byte[] {(byte) 0xC3, '(', '\r', '\n'});
      out.write("ER  - \r\nTY  - JOUR\r\nTI  - After\r\nER  - ".getBytes(StandardCharsets.UTF_8));
    }
    CollectingSink sink = CollectingSink.read(file);
    assertThat(sink.papers).extracting(Paper::title).containsExactly("Before", "After");
    assertThat(sink.rejectionTexts()).containsExactly("mixed.ris:4: line 5 is not valid UTF-8");
  }

  @Test
  void reader_is_thread_safe_across_concurrent_reads() throws Exception {
    CollectingSink.assertReadsAgreeAcrossThreads(PaperReaders.ris(), resource("zotero.ris"), resource("publisher.ris"));
  }
}
