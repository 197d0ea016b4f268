package io.collector.server.parser.schema.history;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the source spells column types in {@code information_schema}, which the history imitates.
 *
 * @param mariadb        MariaDB (JSON is an alias of LONGTEXT)
 * @param displayWidths  integer types carry a display width ({@code int(11)}): MariaDB and MySQL before 8.0.19
 * @param lowerCaseNames database and table names compare case-insensitively ({@code lower_case_table_names} 1 or 2)
 */
public record ServerFlavor(boolean mariadb, boolean displayWidths, boolean lowerCaseNames) {

    public ServerFlavor(boolean mariadb, boolean displayWidths) {
        this(mariadb, displayWidths, false);
    }

    /** The same flavor with {@code lower_case_table_names} as the server reports it. */
    public ServerFlavor withLowerCaseTableNames(int lowerCaseTableNames) {
        return new ServerFlavor(mariadb, displayWidths, lowerCaseTableNames != 0);
    }

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    /** The flavor of a server from {@code SELECT VERSION()}. */
    public static ServerFlavor of(String version) {
        if (version.toLowerCase(Locale.ROOT).contains("mariadb")) {
            return new ServerFlavor(true, true);
        }
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            return new ServerFlavor(false, false);
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = Integer.parseInt(m.group(3));
        boolean widths = major < 8 || major == 8 && minor == 0 && patch < 19;
        return new ServerFlavor(false, widths);
    }
}
