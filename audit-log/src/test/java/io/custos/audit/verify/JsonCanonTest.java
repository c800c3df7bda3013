package io.custos.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.audit.canonical.Jcs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier's JSON reader is separate code; it must agree with the writer's canonical form. */
class JsonCanonTest {

  @Test
  void agreesWithTheWritersCanonicalFormOnTrickyInputs() throws Exception {
    List<String> inputs =
        List.of(
            "{\"b\":1,\"a\":{\"d\":[true,false,null],\"c\":\"x\"}}",
            "{ \"\\u20ac\" : 1 , \"\\r\":2,\"\\ufb33\":3,\"1\":4,\"\\ud83d\\ude00\":5,\"\\u0080\":6}",
            "{\"s\":\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\\\/\\u007f\\u2028caf\\u00e9\\u00E9\"}",
            "{\"n\":[0,-1,9007199254740991,-9007199254740991,-0]}",
            "{\"empty\":{},\"list\":[ ],\"nested\":[[{}],[[]]],\"deep\":{\"z\":{\"y\":[1,{\"b\":2,\"a\":1}]}}}");
    for (String in : inputs) {
      assertThat(JsonCanon.objectText(JsonCanon.members(in)))
          .as(in)
          .isEqualTo(Jcs.canonicalize(in));
    }
  }

  @Test
  void refusesWhatTheLogNeverWrites() {
    for (String bad :
        List.of(
            "{\"x\":1.5}",
            "{\"x\":1e2}",
            "{\"x\":9007199254740992}",
            "{\"x\":01}",
            "{\"a\":1,\"a\":2}",
            "{\"x\":\"\\ud800\"}",
            "{\"x\":\"raw\ncontrol\"}",
            "{\"x\":tru}",
            "{\"x\":1} trailing",
            "[1,2]",
            "{\"x\":1")) {
      assertThatThrownBy(() -> JsonCanon.members(bad))
          .as(bad)
          .isInstanceOf(JsonCanon.Malformed.class);
    }
  }

  @Test
  void readsStringsAndIntegersBack() throws Exception {
    assertThat(JsonCanon.string("\"caf\u00e9 \\\"q\\\"\"")).isEqualTo("caf\u00e9 \"q\"");
    assertThat(JsonCanon.integer("-42")).isEqualTo(-42L);
  }
}
