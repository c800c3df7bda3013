package io.custos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.custos.cli.output.Amounts;
import io.custos.cli.output.Calldata;
import io.custos.cli.output.Out;
import io.custos.cli.output.Table;
import java.util.ArrayList;
import java.util.List;

/** A request (the API's RequestView) as people read it. */
final class RequestText {

  private RequestText() {}

  /** What it moves: {@code 1.5 ETH}, {@code 250.00 USDC}. */
  static String what(Out out, JsonNode r) {
    String token = Text.at(r, "token");
    if (token != null) {
      return Amounts.tokens(Text.at(r, "amount")) + " " + token;
    }
    return out.amount(Text.at(r, "value"));
  }

  /** The few lines after a submit, a verdict, a speed-up or a cancel. */
  static void summary(Out out, JsonNode r) {
    List<String[]> f = new ArrayList<>();
    f.add(new String[] {"request", Text.at(r, "id")});
    f.add(new String[] {"state", out.state(Text.at(r, "state"))});
    f.add(
        new String[] {
          "transfer", what(out, r) + " to " + Text.at(r, "to") + " from " + Text.at(r, "wallet")
        });
    decision(out, r, f);
    transaction(r, f);
    out.fields(f.toArray(String[][]::new));
  }

  /** Everything: decoded calldata, the policy's explanation, approvals, the chain status. */
  static void full(Out out, JsonNode r) {
    List<String[]> f = new ArrayList<>();
    f.add(new String[] {"request", Text.at(r, "id")});
    f.add(new String[] {"state", out.state(Text.at(r, "state"))});
    f.add(new String[] {"wallet", Text.at(r, "wallet")});
    f.add(new String[] {"kind", Text.at(r, "kind")});
    f.add(new String[] {"to", Text.at(r, "to")});
    f.add(new String[] {"amount", what(out, r)});
    if (Text.at(r, "token") != null) {
      f.add(new String[] {"value", out.amount(Text.at(r, "value"))});
    }
    f.add(new String[] {"calldata", Calldata.describe(Text.at(r, "data"))});
    fees(out, r, f);
    f.add(new String[] {"memo", Text.at(r, "memo")});
    f.add(new String[] {"requester", Text.at(r, "requester")});
    f.add(new String[] {"created", Text.at(r, "createdAt")});
    f.add(new String[] {"updated", Text.at(r, "updatedAt")});
    if (Text.at(r, "notBefore") != null) {
      f.add(new String[] {"not before", Text.at(r, "notBefore")});
    }
    links(r, f);
    decision(out, r, f);
    transaction(r, f);
    out.fields(f.toArray(String[][]::new));
    explanation(out, r.path("decision").path("explanation"));
    approvals(out, r.path("approvals"));
  }

  private static void fees(Out out, JsonNode r, List<String[]> f) {
    String maxFee = Text.at(r, "maxFeePerGas");
    String maxTip = Text.at(r, "maxPriorityFeePerGas");
    if (maxFee != null || maxTip != null) {
      f.add(
          new String[] {"fee caps", "max " + gas(out, maxFee) + ", priority " + gas(out, maxTip)});
    }
  }

  private static String gas(Out out, String wei) {
    return Amounts.gasPrice(wei, out.wei());
  }

  private static void links(JsonNode r, List<String[]> f) {
    if (Text.at(r, "replaces") != null) {
      f.add(new String[] {"replaces", Text.at(r, "replaces")});
    }
    if (Text.at(r, "replacedBy") != null) {
      f.add(new String[] {"replaced by", Text.at(r, "replacedBy")});
    }
  }

  private static void decision(Out out, JsonNode r, List<String[]> f) {
    JsonNode d = r.path("decision");
    if (d.isMissingNode() || d.isNull()) {
      return;
    }
    String rule = Text.at(d, "rule");
    f.add(
        new String[] {
          "decision",
          out.state(Text.at(d, "outcome"))
              + (rule == null || rule.isEmpty() ? "" : " by rule " + rule)
              + " (policy "
              + Text.shortId(Text.at(d, "policyHash"))
              + ")"
        });
    if (!d.path("missing").isEmpty()) {
      f.add(new String[] {"missing", Text.list(d.path("missing"))});
    }
    for (JsonNode reason : d.path("reasons")) {
      f.add(new String[] {"reason", out.red(reason.asText())});
    }
  }

  private static void transaction(JsonNode r, List<String[]> f) {
    JsonNode t = r.path("transaction");
    if (t.isMissingNode() || t.isNull()) {
      return;
    }
    f.add(new String[] {"tx hash", Text.at(t, "hash")});
    f.add(
        new String[] {
          "tx status",
          Text.at(t, "state")
              + ", nonce "
              + Text.at(t, "nonce")
              + (Text.at(t, "blockNumber") == null ? "" : ", block " + Text.at(t, "blockNumber"))
        });
  }

  private static void explanation(Out out, JsonNode lines) {
    if (lines.isMissingNode() || lines.isEmpty()) {
      return;
    }
    out.line("");
    out.line(out.bold("policy explanation"));
    lines.forEach(l -> out.line("  " + l.asText()));
  }

  private static void approvals(Out out, JsonNode approvals) {
    out.line("");
    if (approvals.isMissingNode() || approvals.isEmpty()) {
      out.line(out.bold("approvals") + "  none yet");
      return;
    }
    out.line(out.bold("approvals"));
    Table t = new Table("APPROVER", "VERDICT", "GROUPS", "AT", "EVIDENCE", "COMMENT");
    for (JsonNode a : approvals) {
      String evidence = Text.at(a, "evidenceScheme");
      t.row(
          Text.at(a, "approver"),
          out.state(Text.at(a, "verdict")),
          Text.list(a.path("groups")),
          Text.time(Text.at(a, "at")),
          evidence == null || evidence.isEmpty() ? "-" : evidence,
          Text.at(a, "comment"));
    }
    out.table(t);
  }
}
