package io.custos.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custos.policy.model.Action;
import io.custos.policy.model.CallCondition;
import io.custos.policy.value.Wei;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyParserTest {
  /** The snippet replaces %s and starts at line 14, column 7. */
  static final String TEMPLATE =
      """
      version: 1
      name: t
      groups:
        ops: {}
      address_book:
        lists:
          vendors: [0x1111111111111111111111111111111111111111]
        tokens:
          USDC: { address: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", decimals: 6 }
      rules:
        - name: r
          action: allow
          match:
            %s
      """;

  static String withMatch(String snippet) {
    return TEMPLATE.formatted(snippet);
  }

  static Stream<Arguments> rejectedMatches() {
    return Stream.of(
        Arguments.of(
            "unknownCondition",
            "colour: red",
            "$.rules[0].match.colour",
            14,
            7,
            "unknown key 'colour'"),
        Arguments.of(
            "badChecksum",
            "to: { in: [\"0xA0b86991C6218b36c1d19D4a2e9Eb0cE3606eB48\"] }",
            "$.rules[0].match.to.in[0]",
            14,
            18,
            "invalid EIP-55 checksum"),
        Arguments.of(
            "shortAddress",
            "to: { in: [\"0x1234\"] }",
            "$.rules[0].match.to.in[0]",
            14,
            18,
            "not a valid address"),
        Arguments.of(
            "amountWithoutUnit",
            "value: { max: 10 }",
            "$.rules[0].match.value.max",
            14,
            21,
            "is not an amount"),
        Arguments.of(
            "amountWithUnknownUnit",
            "value: { max: 10 DAI }",
            "$.rules[0].match.value.max",
            14,
            21,
            "unknown unit 'DAI'"),
        Arguments.of(
            "tooManyDecimals",
            "value: { max: 0.0000000000000000001 ETH }",
            "$.rules[0].match.value.max",
            14,
            21,
            "more decimals"),
        Arguments.of(
            "undefinedList",
            "to: { in: [vendor] }",
            "$.rules[0].match.to.in[0]",
            14,
            18,
            "'vendor' is not a list"),
        Arguments.of(
            "undefinedToken",
            "erc20: { token: DAI }",
            "$.rules[0].match.erc20.token",
            14,
            23,
            "'DAI' is not a token"),
        Arguments.of(
            "undefinedRequesterGroup",
            "requester: { groups: [treasury] }",
            "$.rules[0].match.requester.groups[0]",
            14,
            29,
            "not a group declared"),
        Arguments.of(
            "unknownKind",
            "kinds: [swap]",
            "$.rules[0].match.kinds[0]",
            14,
            15,
            "unknown kind 'swap'"),
        Arguments.of(
            "unsupportedArrayArgument",
            "call: { to: { in: [vendors] }, function: \"f(uint256[])\" }",
            "$.rules[0].match.call.function",
            14,
            48,
            "unsupported ABI type"),
        Arguments.of(
            "argumentNotInSignature",
            "call: { to: { in: [vendors] }, function: \"f(uint256 a)\", args: { b: { equals: 1 } } }",
            "$.rules[0].match.call.args.b",
            14,
            72,
            "unknown key 'b'"),
        Arguments.of(
            "lteOnBytes",
            "call: { to: { in: [vendors] }, function: \"f(bytes a)\", args: { a: { lte: 1 } } }",
            "$.rules[0].match.call.args.a.lte",
            14,
            80,
            "'lte' does not apply to bytes"),
        Arguments.of(
            "wrongFixedBytesLength",
            "call: { to: { in: [vendors] }, function: \"f(bytes32 a)\", args: { a: { equals: \"0x01\" } } }",
            "$.rules[0].match.call.args.a.equals",
            14,
            85,
            "exactly 32 bytes"),
        Arguments.of(
            "badTimeZone",
            "time: { hours: \"09:00-17:00\", zone: Mars/Olympus }",
            "$.rules[0].match.time.zone",
            14,
            43,
            "not a time zone"),
        Arguments.of(
            "badHours",
            "time: { hours: \"9-5\", zone: UTC }",
            "$.rules[0].match.time.hours",
            14,
            22,
            "not a window"),
        Arguments.of(
            "minAboveMax",
            "value: { min: 2 ETH, max: 1 ETH }",
            "$.rules[0].match.value",
            14,
            14,
            "min is greater than max"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedMatches")
  void rejectsInvalidMatchWithPathLineAndColumn(
      String name, String snippet, String path, int line, int column, String problem) {
    assertThatThrownBy(() -> PolicyParser.parse(withMatch(snippet)))
        .isInstanceOfSatisfying(
            PolicyParseException.class,
            e -> {
              assertThat(e.problem()).contains(problem);
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.column()).isEqualTo(column);
            });
  }

  static Stream<Arguments> rejectedDocuments() {
    String valid = withMatch("chains: [1]");
    return Stream.of(
        Arguments.of(
            "unknownTopLevelKey", "colour: red\n" + valid, "$.colour", 1, 1, "unknown key"),
        Arguments.of(
            "duplicateKey",
            valid.replace("name: t", "name: t\nname: u"),
            "$.name",
            3,
            1,
            "duplicate key"),
        Arguments.of(
            "undefinedQuorumGroup",
            valid.replace(
                "action: allow", "action: require\n    approvals: { quorum: { group: admins } }"),
            "$.rules[0].approvals.quorum.group",
            13,
            35,
            "'admins' is not a group"),
        Arguments.of(
            "denyWithApprovals",
            valid.replace(
                "action: allow", "action: deny\n    approvals: { quorum: { group: ops } }"),
            "$.rules[0].approvals",
            13,
            16,
            "approvals only go with action: require"),
        Arguments.of(
            "duplicateRuleName",
            valid + "  - name: r\n    action: allow\n",
            "$.rules[1].name",
            15,
            11,
            "duplicate rule name"),
        Arguments.of(
            "unsupportedVersion",
            valid.replace("version: 1", "version: 2"),
            "$.version",
            1,
            10,
            "between 1 and 1"),
        Arguments.of(
            "missingRules", "version: 1\nname: t\n", "$", 1, 1, "missing required key 'rules'"),
        Arguments.of(
            "badIndentation", "version: 1\nname: t\n rules: x\n", "$", 3, 7, "malformed document"),
        Arguments.of(
            "listReservedName",
            valid.replace("vendors: [", "denylist: ["),
            "$.address_book.lists.denylist",
            7,
            15,
            "cannot name a list"),
        Arguments.of(
            "windowWithoutMax",
            valid.replace(
                "action: allow", "action: allow\n    limits: [{ window: 24h, per: wallet }]"),
            "$.rules[0].limits[0]",
            13,
            14,
            "exactly one of max"),
        Arguments.of(
            "unknownScope",
            valid.replace(
                "action: allow",
                "action: allow\n    limits: [{ window: 24h, per: team, max_count: 1 }]"),
            "$.rules[0].limits[0].per",
            13,
            34,
            "per must be"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedDocuments")
  void rejectsInvalidDocumentWithPathLineAndColumn(
      String name, String document, String path, int line, int column, String problem) {
    assertThatThrownBy(() -> PolicyParser.parse(document))
        .isInstanceOfSatisfying(
            PolicyParseException.class,
            e -> {
              assertThat(e.problem()).contains(problem);
              assertThat(e.path()).isEqualTo(path);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.column()).isEqualTo(column);
            });
  }

  @Test
  void rejectsQuorumsThatExpandIntoTooManyAlternatives() {
    String anyOf4 =
        "{ any_of: [ { group: ops }, { group: ops, count: 2 }, { group: ops, count: 3 }, { group: ops, count: 4 } ] }";
    String quorum =
        "{ all_of: [ " + String.join(", ", java.util.Collections.nCopies(5, anyOf4)) + " ] }";
    String document =
        withMatch("chains: [1]")
            .replace("action: allow", "action: require\n    approvals: { quorum: " + quorum + " }");

    assertThatThrownBy(() -> PolicyParser.parse(document))
        .isInstanceOfSatisfying(
            PolicyParseException.class,
            e -> assertThat(e.problem()).contains("more than 256 alternative ways"));
  }

  @Test
  void reportsJsonErrorsWithLineAndColumn() {
    String json =
        "{\n  \"version\": 1,\n  \"name\": \"t\",\n  \"rules\": [ { \"name\": \"r\", \"action\": \"allow\", \"x\": 1 } ]\n}";

    assertThatThrownBy(() -> PolicyParser.parse(json))
        .isInstanceOfSatisfying(
            PolicyParseException.class,
            e -> {
              assertThat(e.path()).isEqualTo("$.rules[0].x");
              assertThat(e.line()).isEqualTo(4);
              assertThat(e.column()).isEqualTo(48);
            });
  }

  @Test
  void hashIgnoresCommentsKeyOrderQuotingAndFormat() throws PolicyParseException {
    String yaml =
        "version: 1\nname: t\nrules:\n  - name: r\n    action: allow\n    match: { chains: [1] }\n";
    String reordered =
        "# a comment\nrules:\n  - action: \"allow\"\n    match: { chains: ['1'] }\n    name: r\nname: t\nversion: 1\n";
    String json =
        "{\"rules\":[{\"name\":\"r\",\"action\":\"allow\",\"match\":{\"chains\":[1]}}],\"version\":1,\"name\":\"t\"}";

    Policy policy = PolicyParser.parse(yaml);

    assertThat(PolicyParser.parse(reordered).hash()).isEqualTo(policy.hash());
    assertThat(PolicyParser.parse(json).hash()).isEqualTo(policy.hash());
    assertThat(policy.canonicalJson())
        .isEqualTo(
            "{\"name\":\"t\",\"rules\":[{\"action\":\"allow\",\"match\":{\"chains\":[\"1\"]},\"name\":\"r\"}],\"version\":\"1\"}");
  }

  @Test
  void hashChangesWithRuleOrder() throws PolicyParseException {
    String one =
        "version: 1\nname: t\nrules:\n  - { name: a, action: allow }\n  - { name: b, action: deny }\n";
    String swapped =
        "version: 1\nname: t\nrules:\n  - { name: b, action: deny }\n  - { name: a, action: allow }\n";

    assertThat(PolicyParser.parse(one).hash()).isNotEqualTo(PolicyParser.parse(swapped).hash());
  }

  @Test
  void readsUnquotedHexArgumentsAsWritten() throws PolicyParseException {
    String snippet =
        "call: { to: { in: [vendors] }, function: \"f(bytes32 c, uint256 n)\", args: { c: { equals: 0x0100000000000000000000005555555555555555555555555555555555555555 }, n: { lte: 32 ETH } } }";

    Policy policy = PolicyParser.parse(withMatch(snippet));

    CallCondition call = (CallCondition) policy.rules().get(0).conditions().get(0);
    assertThat(call.constraints().get(0).operands().get(0).toString())
        .isEqualTo("0x0100000000000000000000005555555555555555555555555555555555555555");
    assertThat(call.constraints().get(1).operands()).containsExactly(Wei.ofEther("32").value());
  }

  @Test
  void denyWithoutReasonGetsADefaultReason() throws PolicyParseException {
    Policy policy =
        PolicyParser.parse("version: 1\nname: t\nrules:\n  - { name: a, action: deny }\n");

    assertThat(policy.rules().get(0).action()).isEqualTo(new Action.Deny("denied by policy"));
  }
}
