package org.qmgr.api;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GUID constants of the QMGR contract (§4.7) and the strict text conversion between GUIDs and {@link UUID}
 * (§2.0, A-04). A GUID's text form and {@link UUID#toString()} share the same digit order, so every conversion
 * goes through text.
 */
public final class Guids {

    /** {@code GUID_NULL}: COM's "no GUID"; rejected as a group or job id. */
    public static final UUID GUID_NULL = new UUID(0L, 0L);
    /** {@code IID_IBackgroundCopyQMgr} (§4.7). */
    public static final UUID IID_IBackgroundCopyQMgr = UUID.fromString("16F41C69-09F5-41D2-8CD8-3C08C47BC8A8");
    /** {@code IID_IBackgroundCopyGroup} (§4.7). */
    public static final UUID IID_IBackgroundCopyGroup = UUID.fromString("1DED80A7-53EA-424F-8A04-17FEA9ADC4F5");
    /** {@code IID_IBackgroundCopyJob1} (§4.7). */
    public static final UUID IID_IBackgroundCopyJob1 = UUID.fromString("59F5553C-2031-4629-BB18-2645A6970947");
    /** {@code IID_IEnumBackgroundCopyGroups} (§4.7). */
    public static final UUID IID_IEnumBackgroundCopyGroups =
            UUID.fromString("D993E603-4AA4-47C5-8665-C20D39C2BA4F");
    /** {@code IID_IEnumBackgroundCopyJobs1} (§4.7). */
    public static final UUID IID_IEnumBackgroundCopyJobs1 =
            UUID.fromString("8BAEBA9D-8F1C-42C4-B82C-09AE79980D25");
    /** {@code IID_IBackgroundCopyCallback1} (§4.7). */
    public static final UUID IID_IBackgroundCopyCallback1 =
            UUID.fromString("084F6593-3800-4E08-9B59-99FA59ADDF82");
    /** {@code CLSID_BackgroundCopyQMgr}, the COM class of the queue manager (§0, §4.7). */
    public static final UUID CLSID_BackgroundCopyQMgr = UUID.fromString("69AD4AEE-51BE-439B-A92C-86AE490E8B30");
    /** {@code IID_IBackgroundCopyJob}, the BITS job interface for {@code QueryNewJobInterface} (§4.7, A-31). */
    public static final UUID IID_IBackgroundCopyJob = UUID.fromString("37668D37-507E-4160-9316-26306D150B12");

    private static final String HEX = "[0-9a-fA-F]";
    private static final String CORE =
            HEX + "{8}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{12}";
    private static final Pattern BARE_OR_BRACED = Pattern.compile("\\{(" + CORE + ")\\}|(" + CORE + ")");
    private static final Pattern BRACED = Pattern.compile("\\{(" + CORE + ")\\}");
    private static final int MAX_ECHO = 64;

    private Guids() {
    }

    /**
     * Parses a GUID written {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, with or without surrounding braces,
     * hex digits in any case (§2.0). Unlike {@link UUID#fromString(String)}, short groups, missing dashes and
     * surrounding white space are rejected.
     *
     * @param text the GUID text; {@code null} is rejected
     * @return the GUID, never {@code null}
     * @throws QmgrInvalidArgumentException if {@code text} is {@code null} or malformed; the message names it
     */
    public static UUID parse(String text) {
        return parse(text, BARE_OR_BRACED, "GUID");
    }

    /**
     * Parses a GUID that must be written with braces, {@code {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}}, any case:
     * the form {@code GROUPPROP_NOTIFYCLSID} accepts (§3, C31).
     *
     * @param text the braced GUID text; {@code null} is rejected
     * @return the GUID, never {@code null}
     * @throws QmgrInvalidArgumentException if {@code text} is {@code null}, lacks braces or is malformed
     */
    public static UUID parseBraced(String text) {
        return parse(text, BRACED, "braced GUID");
    }

    /**
     * The canonical text form: upper case, with braces, e.g. {@code {69AD4AEE-51BE-439B-A92C-86AE490E8B30}}
     * (§2.0, §3 NOTIFYCLSID).
     *
     * @param guid the GUID; {@code null} is rejected
     * @return the canonical text, never {@code null}
     * @throws QmgrInvalidArgumentException if {@code guid} is {@code null}
     */
    public static String format(UUID guid) {
        if (guid == null) {
            throw new QmgrInvalidArgumentException("GUID is null");
        }
        return "{" + guid.toString().toUpperCase(Locale.ROOT) + "}";
    }

    /**
     * Whether {@code guid} means "no GUID": {@code null} or {@link #GUID_NULL}.
     *
     * @param guid the GUID, may be {@code null}
     * @return {@code true} for {@code null} and {@code GUID_NULL}
     */
    public static boolean isNull(UUID guid) {
        return guid == null || GUID_NULL.equals(guid);
    }

    private static UUID parse(String text, Pattern pattern, String what) {
        if (text == null) {
            throw new QmgrInvalidArgumentException(what + " is null");
        }
        Matcher m = pattern.matcher(text);
        if (!m.matches()) {
            throw new QmgrInvalidArgumentException("not a " + what + ": '" + abbreviate(text) + "'");
        }
        for (int i = 1; i <= m.groupCount(); i++) {
            if (m.group(i) != null) {
                return UUID.fromString(m.group(i));
            }
        }
        throw new IllegalStateException("GUID pattern matched without a captured group");
    }

    /** The echoed input, cut short and with control characters escaped, so that a message stays on one line. */
    private static String abbreviate(String text) {
        String cut = text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
