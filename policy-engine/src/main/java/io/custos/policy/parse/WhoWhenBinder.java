package io.custos.policy.parse;

import io.custos.policy.PolicyParseException;
import io.custos.policy.model.RequesterCondition;
import io.custos.policy.model.TimeCondition;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Binds the conditions on who asks and when: {@code requester} and {@code time}. */
final class WhoWhenBinder {
  private static final Map<String, DayOfWeek> DAYS =
      Map.of(
          "mon",
          DayOfWeek.MONDAY,
          "tue",
          DayOfWeek.TUESDAY,
          "wed",
          DayOfWeek.WEDNESDAY,
          "thu",
          DayOfWeek.THURSDAY,
          "fri",
          DayOfWeek.FRIDAY,
          "sat",
          DayOfWeek.SATURDAY,
          "sun",
          DayOfWeek.SUNDAY);

  private final Values values;

  WhoWhenBinder(Values values) {
    this.values = values;
  }

  static TimeCondition time(Cursor at) throws PolicyParseException {
    at.map(Set.of("days", "hours", "zone"));
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    if (at.get("days") == null) {
      days.addAll(EnumSet.allOf(DayOfWeek.class));
    } else {
      for (Cursor item : at.require("days").nonEmptyItems()) {
        DayOfWeek day = DAYS.get(item.text());
        if (day == null) {
          throw item.error("unknown day '" + item.text() + "' (mon, tue, wed, thu, fri, sat, sun)");
        }
        days.add(day);
      }
    }
    Cursor hoursAt = at.require("hours");
    String hours = hoursAt.text();
    if (!hours.matches("([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]")) {
      throw hoursAt.error("'" + hours + "' is not a window like '09:00-17:30'");
    }
    LocalTime from = LocalTime.parse(hours.substring(0, 5));
    LocalTime to = LocalTime.parse(hours.substring(6));
    if (from.equals(to)) {
      throw hoursAt.error("the window is empty");
    }
    Cursor zoneAt = at.require("zone");
    try {
      return new TimeCondition(days, from, to, ZoneId.of(zoneAt.text()));
    } catch (DateTimeException e) {
      throw zoneAt.error(
          "'" + zoneAt.text() + "' is not a time zone id like 'Europe/Zurich' or 'UTC'");
    }
  }

  RequesterCondition requester(Cursor at) throws PolicyParseException {
    at.map(Set.of("subjects", "roles", "groups", "account"));
    RequesterCondition.AccountType account = RequesterCondition.AccountType.ANY;
    Cursor accountAt = at.get("account");
    if (accountAt != null) {
      account =
          switch (accountAt.text()) {
            case "person" -> RequesterCondition.AccountType.PERSON;
            case "service" -> RequesterCondition.AccountType.SERVICE;
            case "any" -> RequesterCondition.AccountType.ANY;
            default -> throw accountAt.error("account must be person, service or any");
          };
    }
    Set<String> groups = new HashSet<>();
    if (at.get("groups") != null) {
      for (Cursor item : at.require("groups").nonEmptyItems()) {
        groups.add(values.group(item));
      }
    }
    return new RequesterCondition(
        optionalTexts(at.get("subjects")), optionalTexts(at.get("roles")), groups, account);
  }

  private static Set<String> optionalTexts(Cursor at) throws PolicyParseException {
    return at == null ? Set.of() : new HashSet<>(at.textItems());
  }
}
