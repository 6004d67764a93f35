package toynn.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header, rows, columns padded to their widest cell; numbers right-aligned. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;
    private final String[] header;

    /** A table with these column titles; a title starting with '>' is right-aligned (the '>' is dropped). */
    Table(String... titles) {
        header = new String[titles.length];
        rightAligned = new boolean[titles.length];
        for (int i = 0; i < titles.length; i++) {
            rightAligned[i] = titles[i].startsWith(">");
            header[i] = rightAligned[i] ? titles[i].substring(1) : titles[i];
        }
    }

    /** Adds a row (one cell per column). */
    Table row(Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException(cells.length + " cells for " + header.length + " columns");
        }
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = cells[i] == null ? "" : cells[i].toString();
        }
        rows.add(r);
        return this;
    }

    /** Adds a separator line. */
    Table rule() {
        rows.add(null);
        return this;
    }

    /** Prints the table with {@code indent} spaces before every line. */
    void print(PrintStream out, int indent) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
        }
        for (String[] r : rows) {
            if (r != null) {
                for (int i = 0; i < r.length; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
        }
        int total = 0;
        for (int w : width) {
            total += w;
        }
        total += 3 * (width.length - 1);
        String pad = " ".repeat(indent);
        out.println(pad + line(header, width).stripTrailing());
        out.println(pad + "-".repeat(total));
        for (String[] r : rows) {
            out.println(pad + (r == null ? "-".repeat(total) : line(r, width).stripTrailing()));
        }
    }

    private String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("   ");
            }
            String c = cells[i];
            String fill = " ".repeat(width[i] - c.length());
            sb.append(rightAligned[i] ? fill + c : c + fill);
        }
        return sb.toString();
    }
}
