package io.custos.audit.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JcsTest {

  @Test
  void sortsKeysByUtf16CodeUnitsAndDropsWhitespace() {
    // RFC 8785 section 3.2.3's sorting example, reduced to string values.
    String in =
        "{ \"\\u20ac\": \"Euro\", \"\\r\": \"CR\", \"\\ufb33\": \"Hebrew\", \"1\": \"One\","
            + " \"\\ud83d\\ude00\": \"Smiley\", \"\\u0080\": \"Control\", \"\\u00f6\": \"Latin\" }";
    assertThat(Jcs.canonicalize(in))
        .isEqualTo(
            "{\"\\r\":\"CR\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin\","
                + "\"\u20ac\":\"Euro\",\"\ud83d\ude00\":\"Smiley\",\"\ufb33\":\"Hebrew\"}");
  }

  @Test
  void escapesOnlyWhatRfc8785Requires() {
    assertThat(Jcs.canonicalize("[\"\\u0041\\u000f\\b\\t\\n\\f\\r\\\"\\\\/\\u007f\\u2028\"]"))
        .isEqualTo("[\"A\\u000f\\b\\t\\n\\f\\r\\\"\\\\/\u007f\u2028\"]");
  }

  @Test
  void writesIntegersPlainlyAndLiteralsAsIs() {
    assertThat(Jcs.canonicalize("{\"b\":[1.0E2, -0, 9007199254740991],\"a\":[true,false,null]}"))
        .isEqualTo("{\"a\":[true,false,null],\"b\":[100,0,9007199254740991]}");
  }

  @Test
  void rejectsFractionsAndUnsafeIntegers() {
    assertThatThrownBy(() -> Jcs.canonicalize("{\"x\":1.5}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("string");
    assertThatThrownBy(() -> Jcs.canonicalize("{\"x\":9007199254740992}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsDuplicateKeysAndTrailingGarbage() {
    assertThatThrownBy(() -> Jcs.canonicalize("{\"a\":1,\"a\":2}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Jcs.canonicalize("{} {}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsLoneSurrogates() {
    assertThatThrownBy(() -> Jcs.canonicalize("[\"\\ud800\"]"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
