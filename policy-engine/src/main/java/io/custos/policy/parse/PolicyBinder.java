package io.custos.policy.parse;

import io.custos.policy.PolicyParseException;
import io.custos.policy.model.AddressBook;
import io.custos.policy.model.Governance;
import io.custos.policy.model.GroupDefinition;
import io.custos.policy.model.Rule;
import io.custos.policy.value.Address;
import io.custos.policy.value.Asset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds a document tree to the policy model, checking every reference. */
public final class PolicyBinder {
  private static final String NAME = "[A-Za-z][A-Za-z0-9._-]{0,63}";
  private static final Set<String> TOP_KEYS =
      Set.of("version", "name", "description", "groups", "address_book", "governance", "rules");

  /**
   * The bound document.
   *
   * @param name the policy name
   * @param description free text
   * @param groups approval groups by name
   * @param addressBook lists, denylist, tokens
   * @param rules the ordered rules
   * @param governance who approves changes
   */
  public record Bound(
      String name,
      String description,
      Map<String, GroupDefinition> groups,
      AddressBook addressBook,
      List<Rule> rules,
      Governance governance) {}

  private PolicyBinder() {}

  /** Binds {@code root}, the parsed document. */
  public static Bound bind(Node root) throws PolicyParseException {
    Cursor doc = new Cursor(root, "$");
    doc.map(TOP_KEYS);
    Cursor version = doc.require("version");
    if (version.integer(1, 1) != 1) {
      throw version.error("only version 1 is supported");
    }
    String name = doc.require("name").name();
    String description = doc.get("description") == null ? "" : doc.get("description").text();
    Map<String, GroupDefinition> groups = groups(doc.get("groups"));
    AddressBook book = addressBook(doc.get("address_book"));
    Values values = new Values(book, groups.keySet());
    ActionBinder actions = new ActionBinder(values);
    Governance governance = governance(doc.get("governance"), actions);
    List<Rule> rules = new RuleBinder(values, actions).bindAll(doc.require("rules"));
    return new Bound(name, description, groups, book, rules, governance);
  }

  private static Map<String, GroupDefinition> groups(Cursor at) throws PolicyParseException {
    Map<String, GroupDefinition> groups = new LinkedHashMap<>();
    if (at == null) {
      return groups;
    }
    for (String name : anyKeys(at)) {
      Cursor groupAt = at.require(name);
      if (!name.matches(NAME)) {
        throw groupAt.error(
            "'" + name + "' is not a name (letters, digits, . _ -, starting with a letter)");
      }
      groupAt.map(Set.of("description", "members"));
      String description =
          groupAt.get("description") == null ? "" : groupAt.get("description").text();
      Set<String> members = new HashSet<>();
      if (groupAt.get("members") != null) {
        members.addAll(groupAt.get("members").textItems());
      }
      groups.put(name, new GroupDefinition(name, description, members));
    }
    return groups;
  }

  private static Set<String> anyKeys(Cursor at) throws PolicyParseException {
    if (!(at.node() instanceof Node.MapNode map)) {
      throw at.error("expected a mapping");
    }
    return map.entries().keySet();
  }

  private static AddressBook addressBook(Cursor at) throws PolicyParseException {
    if (at == null) {
      return new AddressBook(Map.of(), Set.of(), Map.of());
    }
    at.map(Set.of("lists", "denylist", "tokens"));
    Map<String, Asset.Token> tokens = tokens(at.get("tokens"));
    Map<String, Set<Address>> lists = new HashMap<>();
    Cursor listsAt = at.get("lists");
    if (listsAt != null) {
      for (String name : anyKeys(listsAt)) {
        Cursor listAt = listsAt.require(name);
        if (name.equals("denylist") || tokens.containsKey(name) || !name.matches(NAME)) {
          throw listAt.error(
              "'" + name + "' cannot name a list (reserved, a token symbol, or not a name)");
        }
        lists.put(name, addresses(listAt));
      }
    }
    Set<Address> denylist = at.get("denylist") == null ? Set.of() : addresses(at.get("denylist"));
    return new AddressBook(lists, denylist, tokens);
  }

  private static Set<Address> addresses(Cursor at) throws PolicyParseException {
    Set<Address> out = new HashSet<>();
    for (Cursor item : at.items()) {
      if (!out.add(Values.address(item))) {
        throw item.error("duplicate address");
      }
    }
    return out;
  }

  private static Map<String, Asset.Token> tokens(Cursor at) throws PolicyParseException {
    Map<String, Asset.Token> tokens = new HashMap<>();
    if (at == null) {
      return tokens;
    }
    for (String symbol : anyKeys(at)) {
      Cursor tokenAt = at.require(symbol);
      tokenAt.map(Set.of("address", "decimals"));
      if (Set.of("ETH", "ether", "wei", "gwei").contains(symbol)) {
        throw tokenAt.error("'" + symbol + "' is reserved for ether units");
      }
      Address address = Values.address(tokenAt.require("address"));
      int decimals = (int) tokenAt.require("decimals").integer(0, 77);
      try {
        tokens.put(symbol, new Asset.Token(symbol, address, decimals));
      } catch (IllegalArgumentException e) {
        throw tokenAt.error(e.getMessage());
      }
    }
    return tokens;
  }

  private static Governance governance(Cursor at, ActionBinder actions)
      throws PolicyParseException {
    if (at == null) {
      return Governance.NONE;
    }
    at.map(Set.of("policy_changes", "address_book_changes"));
    Cursor policy = at.require("policy_changes");
    Cursor book = at.get("address_book_changes");
    return new Governance(
        actions.bindBlock(policy, false),
        book == null ? actions.bindBlock(policy, false) : actions.bindBlock(book, false));
  }
}
