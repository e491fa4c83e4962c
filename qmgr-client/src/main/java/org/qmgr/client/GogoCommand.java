package org.qmgr.client;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds the Gogo command line {@code qmgr:<name> '<arg>' …} from raw words, so that every argument reaches the
 * command as exactly one word, whatever it contains.
 */
final class GogoCommand {

    static final String SCOPE = "qmgr";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private GogoCommand() {
    }

    /**
     * @param words the command name (optionally {@code qmgr:}-prefixed) followed by its arguments
     * @throws IllegalArgumentException when there is no name or it is not a plain command name
     */
    static String of(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no command given");
        }
        String name = words.get(0).startsWith(SCOPE + ":") ? words.get(0).substring(SCOPE.length() + 1) : words.get(0);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a command name: " + words.get(0));
        }
        StringBuilder line = new StringBuilder(SCOPE).append(':').append(name);
        for (String argument : words.subList(1, words.size())) {
            line.append(' ').append(quote(argument));
        }
        return line.toString();
    }

    /**
     * One argument as a Gogo word. Inside single quotes Gogo takes everything literally ({@code $}, {@code ;},
     * spaces, newlines), except that a backslash still escapes the next character while it looks for the closing
     * quote; so {@code '} and {@code \} are written outside the quotes, backslash-escaped: {@code 'it'\''s'}.
     */
    static String quote(String argument) {
        StringBuilder word = new StringBuilder(argument.length() + 2).append('\'');
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\'' || c == '\\') {
                word.append('\'').append('\\').append(c).append('\'');
            } else {
                word.append(c);
            }
        }
        return word.append('\'').toString();
    }
}
