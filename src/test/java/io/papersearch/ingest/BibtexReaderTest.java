package io.papersearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BibtexReaderTest {

  @TempDir Path dir;

  static Path resource(String name) {
    try {
      return Path.of(BibtexReaderTest.class.getResource("/ingest/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void zotero_export_is_read_with_decoded_values_and_its_broken_entry_reported() throws IOException {
    CollectingSink sink = CollectingSink.read(resource("zotero.bib"));

    assertThat(sink.papers).containsExactly(
        new Paper("muller_attention-guided_2023",
            "Attention-guided diffusion models for low-dose CT denoising",
            List.of("Thomas Müller", "José García", "Eva Nováková"), 2023, "Medical Image Analysis",
            "https://www.sciencedirect.com/science/article/pii/S1361841523000491",
            "10.1016/j.media.2023.102789",
            "Low-dose computed tomography (CT) reduces radiation exposure but increases noise. We"
                + " propose an attention-guided diffusion model that denoises low-dose CT in 10"
                + " sampling steps, improving PSNR by 1.8 dB (p < 0.05) and keeping 95% of the"
                + " structural similarity of full-dose scans.",
            null, List.of("Denoising", "Diffusion models", "Low-dose CT")),
        // Title only: indexed for keywords and the title's embedding.
        new Paper("zhang_semi-supervised_2023",
            "Semi-Supervised Medical Image Segmentation via Cross Teaching between CNN and Transformer",
            List.of("Wei Zhang", "Ingrid Øvrebø", "Andrew Y. Ng"), 2023,
            "Proceedings of the IEEE/CVF International Conference on Computer Vision (ICCV)",
            "https://openaccess.thecvf.com/content/ICCV2023/html/Zhang_Semi-Supervised_ICCV_2023_paper.html",
            null, null, null, List.of()),
        // Zotero's key for Chinese papers has no letter left ("__2023"), so the id is derived.
        new Paper("p-6cdd615beb70", "基于深度学习的医学图像分割研究综述", List.of("王小明", "李华"), 2023,
            "计算机学报", null, null, null,
            "医学图像分割是计算机辅助诊断的关键步骤。本文综述了基于深度学习的医学图像分割方法，包括全监督、半监督和弱监督方法。",
            List.of("医学图像分割", "深度学习", "半监督学习")),
        new Paper("ronneberger_u-net_2015", "U-Net: Convolutional Networks for Biomedical Image Segmentation",
            List.of("Olaf Ronneberger", "Philipp Fischer", "Thomas Brox"), 2015, null,
            "http://arxiv.org/abs/1505.04597", "10.48550/arXiv.1505.04597",
            "There is large consent that successful training of deep networks requires many thousand"
                + " annotated training samples. In this paper, we present a network and training"
                + " strategy that relies on the strong use of data augmentation to use the available"
                + " annotated samples more efficiently.",
            null, List.of("Computer Science - Computer Vision and Pattern Recognition")));
    assertThat(sink.lines).containsExactly(2, 20, 31, 57);
    // The hand-edited title lost a '}'; the entry after it is still read.
    assertThat(sink.rejectionTexts()).containsExactly(
        "zotero.bib:45: entry is not closed: 1 '{' still open before the next entry on line 57"
            + " (unbalanced braces?)");
  }

  @Test
  void publisher_exports_ieee_acm_springer_acl_are_read_and_a_bare_quote_is_reported() throws IOException {
    CollectingSink sink = CollectingSink.read(resource("publisher.bib"));

    assertThat(sink.lines).containsExactly(1, 15, 33, 68);
    Paper ieee = sink.papers.get(0);
    // IEEE's key is an article number, not a name: the id comes from the title, as in RIS.
    assertThat(ieee.id()).isEqualTo("semi-supervised-medical-image-segmentation-via-cross-63e70b4");
    assertThat(ieee.title())
        .isEqualTo("Semi-Supervised Medical Image Segmentation via Cross Teaching between CNN and Transformer");
    assertThat(ieee.authors()).containsExactly("Wei Zhang", "Thomas Müller", "Eva Nováková");
    assertThat(ieee.year()).isEqualTo(2023);
    assertThat(ieee.venue()).isEqualTo("2023 IEEE/CVF International Conference on Computer Vision (ICCV)");
    assertThat(ieee.doi()).isEqualTo("10.1109/ICCV51070.2023.01941");
    assertThat(ieee.url()).isNull();
    assertThat(ieee.keywords())
        .containsExactly("Image segmentation", "Training", "Semisupervised learning", "Transformers");
    assertThat(ieee.abstractEn()).startsWith("Recently, deep learning with Convolutional Neural Networks (CNNs)")
        .endsWith("with limited annotations for training.");

    // ACM DL: the key is the DOI, which is no valid id; accents written as \"{o} and \'{\i}.
    assertThat(sink.papers.get(1)).isEqualTo(new Paper(
        "contrastive-pretraining-for-chest-x-ray-report-generation",
        "Contrastive Pretraining for Chest X-Ray Report Generation",
        List.of("Xiaoming Li", "Bernhard Schölkopf", "María García"), 2023,
        "Proceedings of the 31st ACM International Conference on Multimedia",
        "https://doi.org/10.1145/3581783.3612345", "10.1145/3581783.3612345",
        "Radiology report generation aims to describe a chest X-ray in free text. We pretrain image"
            + " and report encoders contrastively on 377,110 image–report pairs and decode with a"
            + " memory-driven Transformer.",
        null, List.of("report generation", "contrastive learning", "chest X-ray")));

    // Springer: double-quoted values, authors across lines, {\"o} and {\O}.
    assertThat(sink.papers.get(2)).isEqualTo(new Paper("Wang2023",
        "Deep learning for surgical phase recognition: a review",
        List.of("Li Wang", "Anna Schröder", "Lars Østergaard"), 2023,
        "International Journal of Computer Assisted Radiology and Surgery",
        "https://doi.org/10.1007/s11548-022-02785-y", "10.1007/s11548-022-02785-y",
        "Surgical phase recognition is a prerequisite for context-aware assistance in the operating"
            + " room. We review 62 deep learning methods published between 2016 and 2022.",
        null, List.of()));

    // ACL Anthology: month = jul (a macro), "{B}io{BERT}", names with double spaces before "and".
    assertThat(sink.papers.get(3)).isEqualTo(new Paper("liu-etal-2023-bilingual",
        "BioBERT-ZH: Pre-training a Bilingual Biomedical Language Model",
        List.of("Yang Liu", "Jián Chén", "François Dupont"), 2023,
        "Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics"
            + " (Volume 1: Long Papers)",
        "https://aclanthology.org/2023.acl-long.123", "10.18653/v1/2023.acl-long.123",
        "We pre-train a biomedical language model on 2.1B tokens of English and Chinese text and"
            + " evaluate it on 12 tasks in both languages.",
        null, List.of()));

    // Springer does not escape quotes inside its "..." abstracts, which BibTeX cannot read either.
    assertThat(sink.rejectionTexts()).containsExactly(
        "publisher.bib:51: expected ',' or '}' after the value of field abstract on line 62, got 'b'"
            + " (a '\"' inside a quoted value ends it; write it as {\"})");
  }

  @Test
  void string_macros_concatenation_numbers_comments_and_case_insensitive_names() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "macros.bib", """
        This text before the first entry is a comment, as in BibTeX.
        @String{cvpr = "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition"}
        @STRING(proc = "Proc. ")
        @string{media = {Medical Image} # " " # "Analysis"}
        @string{mediashort = media # " (short)"}
        @preamble{ "\\newcommand{\\noopsort}[1]{} " }
        @comment{jabref-meta: databaseType:bibtex;}
        @Comment this whole line is ignored

        @Article{ Doe2021 ,
          TITLE = "A " # {{GAN}s} # " study",
          Author = {Doe, Jane},
          Journal = MEDIA,
          YEAR = 2021,
          month = jan,
          note = undefinedmacro,
          Keywords = {a; b, c},
        }
        @inproceedings(Roe2020, title = {Paren (delimited) entry}, booktitle = proc # cvpr, year = "2020")
        @misc{Short2019, title = {Short}, journal = mediashort, year = 2019}
        """);
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.papers).containsExactly(
        new Paper("Doe2021", "A GANs study", List.of("Jane Doe"), 2021, "Medical Image Analysis", null,
            null, null, null, List.of("a", "b, c")),
        new Paper("Roe2020", "Paren (delimited) entry", List.of(), 2020,
            "Proc. Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition",
            null, null, null, null, List.of()),
        new Paper("Short2019", "Short", List.of(), 2019, "Medical Image Analysis (short)", null, null,
            null, null, List.of()));
    assertThat(sink.lines).containsExactly(10, 19, 20);
  }

  @Test
  void nested_braces_names_and_whitespace_quirks() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "quirks.bib", """
        @article{k1,title={{Nested {Braces} {\\"U}ber {Alles}} in M{\\"u}ller's {GAN}s},author={{World Health Organization} and {Barnes and Noble, Inc.} and Smith, Jr., John and de la Fuente, Ana AND Nguy{\\~{\\^{e}}}n, V{\\u{a}}n and others},year={2020},}
          @ARTICLE  {  k2  ,
            title
              =
              "Spread
               over lines",,
            date = {2019-05-01},
            abstract = {First line.

                        Second paragraph with math $\\alpha = 0.5$ and 10--20 items~\\cite{x}.}
          }
        @article{k3, title = {T3}, title = {ignored duplicate}, year = {2018}}
        @article{title = {No key at all}}
        @article{,title = {Empty key}}
        """);
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.papers.get(0)).isEqualTo(new Paper("k1",
        "Nested Braces Über Alles in Müller's GANs",
        List.of("World Health Organization", "Barnes and Noble, Inc.", "John Smith Jr.", "Ana de la Fuente",
            "Văn Nguyễn"),
        2020, null, null, null, null, null, List.of()));
    assertThat(sink.papers.get(1)).isEqualTo(new Paper("k2", "Spread over lines", List.of(), 2019, null,
        null, null, "First line. Second paragraph with math α = 0.5 and 10–20 items.", null, List.of()));
    assertThat(sink.papers.get(2).title()).isEqualTo("T3");
    assertThat(sink.papers.subList(3, 5)).extracting(Paper::id).containsExactly("no-key-at-all", "empty-key");
    assertThat(sink.lines).containsExactly(1, 2, 12, 13, 14);
  }

  @Test
  void citation_key_is_the_id_only_when_it_is_a_valid_id_with_a_letter() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "keys.bib", """
        @article{DBLP:conf/cvpr/HeZRS16, title = {Deep Residual Learning}}
        @article{müller2023, title = {Umlaut Key}}
        @article{__2023-1, title = {Zotero Key Without Letters}}
        @article{10377594, title = {IEEE Article Number}}
        @article{smith:2020.a_b-c, title = {Allowed Punctuation}}
        """);
    assertThat(sink.papers).extracting(Paper::id).containsExactly(
        "deep-residual-learning", "umlaut-key", "zotero-key-without-letters", "ieee-article-number",
        "smith:2020.a_b-c");
  }

  @Test
  void each_broken_entry_is_rejected_at_its_first_line_and_the_next_ones_are_read() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "broken.bib", """
        @article{ok1, title = {First}}
        @article{noequals,
          title {Missing equals}
        }
        @article{nocomma,
          title = {One}
          author = {Two}
        }
        @article{macro, title = {Undefined}, journal = tpami}
        @article{quote, title = "never closed}
        @article{ok2, title = {Second}}
        @article{extra, title = {Closed early}},
          author = {Doe, Jane},
        }
        @article{badyear, title = {Bad year}, year = {in press}}
        @article{nothing, note = {no title, no abstract}}
        @article
        @article{ok3, title = {Third}}
        @article{unclosed, title = {Runs {on}
        @article{ok4, title = {Fourth}}
        @article{eof, title = {Never closed}
        """);
    assertThat(sink.papers).extracting(Paper::title).containsExactly("First", "Second", "Third", "Fourth");
    assertThat(sink.lines).containsExactly(1, 11, 18, 20);
    assertThat(sink.rejectionTexts()).containsExactly(
        "broken.bib:2: expected '=' after field name 'title' on line 3, got '{'",
        "broken.bib:5: expected ',' or '}' after the value of field title on line 7, got 'a' (is a comma missing?)",
        "broken.bib:9: field journal uses undefined macro 'tpami'; define it with @string before the entry",
        "broken.bib:10: quoted value of field title opened on line 10 is not closed",
        "broken.bib:12: entry ends on line 12 but line 13 after it still holds field 'author';"
            + " is there one '}' too many?",
        "broken.bib:15: year must be an integer between 1000 and 2100, got 'in press'",
        "broken.bib:16: record has neither title nor abstract",
        "broken.bib:17: expected '{' or '(' after '@article', got '@article'",
        "broken.bib:19: entry is not closed: 2 '{' still open before the next entry on line 20"
            + " (unbalanced braces?)",
        "broken.bib:21: entry is not closed: 1 '{' still open at the end of the file (unbalanced braces?)");
  }

  @Test
  void string_errors_are_reported_and_entries_using_the_macro_are_rejected() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "strings.bib", """
        @string{bad = nosuchmacro # "x"}
        @string{good "missing equals"}
        @article{a, title = {Uses bad}, booktitle = bad}
        @article{b, title = {Unused field macro is fine}, publisher = bad}
        """);
    assertThat(sink.rejectionTexts()).containsExactly(
        "strings.bib:1: @string bad on line 1 uses undefined macro 'nosuchmacro'",
        "strings.bib:2: expected '=' after macro name 'good' in @string on line 2, got '\"'",
        "strings.bib:3: field booktitle uses undefined macro 'bad'; define it with @string before the entry");
    assertThat(sink.papers).extracting(Paper::title).containsExactly("Unused field macro is fine");
  }

  @Test
  void bom_crlf_and_invalid_utf8_reject_only_the_affected_entry() throws IOException {
    Path file = dir.resolve("mixed.bib");
    try (var out = Files.newOutputStream(file)) {
      out.write("\uFEFF@article{a,\r\n  title = {Before},\r\n}\r\n".getBytes(StandardCharsets.UTF_8));
      out.write("@article{b,\r\n  title = {Bad ".getBytes(StandardCharsets.UTF_8));
      out.write(new byte[] {(byte) 0xC3, '(', '}', '\r', '\n', '}', '\r', '\n'});
      out.write("@article{c, title = {After}}".getBytes(StandardCharsets.UTF_8));
    }
    CollectingSink sink = CollectingSink.read(file);
    assertThat(sink.papers).extracting(Paper::title).containsExactly("Before", "After");
    assertThat(sink.rejectionTexts()).containsExactly("mixed.bib:4: line 5 is not valid UTF-8");
  }

  @Test
  void entries_on_one_line_and_text_after_an_entry() throws IOException {
    CollectingSink sink = CollectingSink.read(dir, "oneline.bib",
        "@article{a, title={One}}@article{b, title={Two}} trailing words\n"
            + "@misc{c, title={Three}}, % a stray comma and comment\n");
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.papers).extracting(Paper::title).containsExactly("One", "Two", "Three");
    assertThat(sink.lines).containsExactly(1, 1, 2);
  }

  @Test
  void reader_is_thread_safe_across_concurrent_reads() throws Exception {
    CollectingSink.assertReadsAgreeAcrossThreads(PaperReaders.bibtex(), resource("zotero.bib"), resource("publisher.bib"));
  }
}
