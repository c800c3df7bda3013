package io.custos.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A table with aligned columns; cells may carry colours, which do not count towards widths. */
public final class Table {

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... header) {
    this.header = List.of(header);
  }

  public Table row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("expected " + header.size() + " cells");
    }
    List<String> row = new ArrayList<>();
    for (String c : cells) {
      row.add(c == null ? "-" : c);
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The lines, header first; the last column is not padded. */
  public List<String> lines() {
    int[] widths = new int[header.size()];
    for (List<String> r : allRows()) {
      for (int i = 0; i < r.size(); i++) {
        widths[i] = Math.max(widths[i], visible(r.get(i)));
      }
    }
    List<String> out = new ArrayList<>();
    for (List<String> r : allRows()) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        String cell = r.get(i);
        line.append(cell);
        if (i < r.size() - 1) {
          line.append(" ".repeat(widths[i] - visible(cell) + 2));
        }
      }
      out.add(line.toString().stripTrailing());
    }
    return out;
  }

  private List<List<String>> allRows() {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }

  static int visible(String s) {
    return ANSI.matcher(s).replaceAll("").length();
  }
}
