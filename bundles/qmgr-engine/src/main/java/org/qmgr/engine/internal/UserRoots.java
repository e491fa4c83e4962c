package org.qmgr.engine.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directories a signed-in user without an administrator role may download into ({@code userLocalRoots}):
 * templates such as {@code ${karaf.data}/downloads/{user}}, expanded per user.
 *
 * <p>Why users and not bundles: a Karaf shell or JAAS user may be anyone the realm lets in (a remote SSH user with
 * the viewer role, say), and when Karaf runs as root a download to {@code /etc/cron.d} would run their code. A
 * bundle already runs inside the JVM and could write there itself, so confining it would protect nothing.
 */
final class UserRoots {

    /** The default: a directory per user under Karaf's data directory. */
    static final String DEFAULT = "${karaf.data}/downloads/{user}";

    private static final Logger LOG = LoggerFactory.getLogger(UserRoots.class);
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern UNSAFE_NAME_CHARS = Pattern.compile("[^A-Za-z0-9._@-]");

    private final List<String> templates;
    private final UnaryOperator<String> properties;

    /** @param templates the configured entries; empty means users are not confined beyond allowedLocalRoots */
    UserRoots(List<String> templates) {
        this(templates, System::getProperty);
    }

    UserRoots(List<String> templates, UnaryOperator<String> properties) {
        this.templates = List.copyOf(templates);
        this.properties = properties;
    }

    /** @return whether users are confined at all */
    boolean confines() {
        return !templates.isEmpty();
    }

    /** @return the configured templates, as given */
    List<String> templates() {
        return templates;
    }

    /**
     * @param user the user's name (a caller identity that is not a bundle)
     * @return the user's directories, absolute and normalized; empty when no template could be expanded (a
     *         missing system property), which refuses the user everywhere rather than letting them write anywhere
     */
    List<Path> rootsOf(String user) {
        List<Path> roots = new ArrayList<>(templates.size());
        String dirName = directoryName(user);
        for (String template : templates) {
            String expanded = expandProperties(template);
            if (expanded == null) {
                continue;
            }
            try {
                Path root = Path.of(expanded.replace("{user}", dirName));
                if (root.isAbsolute()) {
                    roots.add(root.normalize());
                } else {
                    LOG.warn("userLocalRoots entry '{}' is not an absolute path: ignored", template);
                }
            } catch (InvalidPathException e) {
                LOG.warn("userLocalRoots entry '{}' is not a path: ignored", template);
            }
        }
        return roots;
    }

    /**
     * The user's name as one directory name: characters that could leave the directory or that file systems
     * treat specially become {@code _}, and the names {@code .} and {@code ..} cannot occur.
     */
    static String directoryName(String user) {
        String safe = UNSAFE_NAME_CHARS.matcher(user).replaceAll("_");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            return "_" + safe;
        }
        return safe;
    }

    /** @return the template with each {@code ${name}} replaced by the system property, or null if one is unset */
    private String expandProperties(String template) {
        Matcher m = PROPERTY.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = properties.apply(m.group(1));
            if (value == null || value.isBlank()) {
                LOG.debug("userLocalRoots entry '{}' names the unset property {}: ignored", template, m.group(1));
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
