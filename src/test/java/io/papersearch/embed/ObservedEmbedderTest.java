package io.papersearch.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.papersearch.testing.FakeEmbedder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ObservedEmbedderTest {
  record Run(String model, Role role, long nanos) {}

  @Test
  void each_successful_run_is_reported_with_model_role_and_duration() {
    List<Run> runs = new CopyOnWriteArrayList<>();
    FakeEmbedder fake = new FakeEmbedder("fake-en", "en");
    TextEmbedder observed = new ObservedEmbedder(fake, (model, role, nanos) -> runs.add(new Run(model.id(), role, nanos)));

    float[] v = observed.embed("segmentation", Role.QUERY);
    observed.embed("registration", Role.PASSAGE);

    assertThat(v).containsExactly(fake.embed("segmentation", Role.QUERY));
    assertThat(runs).extracting(Run::model, Run::role)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("fake-en", Role.QUERY), org.assertj.core.groups.Tuple.tuple("fake-en", Role.PASSAGE));
    assertThat(runs).allSatisfy(r -> assertThat(r.nanos()).isPositive());
    assertThat(observed.spec()).isSameAs(fake.spec());
  }

  @Test
  void a_failed_run_is_not_reported() {
    List<Run> runs = new CopyOnWriteArrayList<>();
    TextEmbedder observed = new ObservedEmbedder(new FakeEmbedder("fake-en", "en"), (model, role, nanos) -> runs.add(new Run(model.id(), role, nanos)));
    assertThatThrownBy(() -> observed.embed(" ", Role.QUERY)).isInstanceOf(IllegalArgumentException.class);
    assertThat(runs).isEmpty();
  }
}
