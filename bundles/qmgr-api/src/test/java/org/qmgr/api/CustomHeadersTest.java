package org.qmgr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qmgr.api.QmgrInvalidHeaderException.Reason;

/** The rules of custom request headers: what passes as given, and a typed refusal naming the header otherwise. */
class CustomHeadersTest {

    @Test
    void validHeadersPassInTheirOrder() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Trace-Id", "4bf92f35 77b34da6");
        headers.put("Cookie", "a=1; b=2");
        headers.put("User-Agent", "probe/1.0 (tab\tinside)");
        headers.put("x!#$%&'*+-.^_`|~9", "");

        Map<String, String> valid = CustomHeaders.validate(headers);

        assertThat(valid).containsExactlyEntriesOf(headers);
        assertThatThrownBy(() -> valid.put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X Token", "X:Token", "Ünicode", "X\r\nInjected", "(comment)", "a/b", "{x}"})
    void aNameThatIsNoTokenIsRefusedByName(String name) {
        assertRefused(Map.of(name, "v"), Reason.NAME, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Injected: 1", "line\nbreak", "nul\0", "bell\u0007", "del\u007F", "é", "\u20AC",
            " leading", "trailing ", "\ttab"})
    void aValueWithAForbiddenCharacterIsRefusedWithoutQuotingIt(String value) {
        QmgrInvalidHeaderException e = assertRefused(Map.of("X-Secret", value), Reason.VALUE, "X-Secret");
        assertThat(e.getMessage()).doesNotContain(value.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "range", "If-Range", "CONTENT-LENGTH", "Transfer-Encoding", "Connection",
            "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Upgrade", "Accept-Encoding", "Authorization",
            "Proxy-Authorization"})
    void headersTheTransportOwnsAreRefused(String name) {
        assertRefused(Map.of(name, "x"), Reason.RESERVED, name);
    }

    @Test
    void namesDifferingOnlyInCaseAreDuplicates() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Id", "1");
        headers.put("x-id", "2");
        assertRefused(headers, Reason.DUPLICATE, "x-id");
    }

    @Test
    void nullsAreRefused() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("X-A", null);
        Map<String, String> nullName = new HashMap<>();
        nullName.put(null, "v");
        assertRefused(nullValue, Reason.VALUE, "X-A");
        assertRefused(nullName, Reason.NAME, null);
        assertThatThrownBy(() -> CustomHeaders.validate(null)).isExactlyInstanceOf(QmgrInvalidArgumentException.class)
                .extracting(e -> ((QmgrException) e).hresult()).isEqualTo(HResults.E_INVALIDARG);
    }

    @Test
    void countAndSizeAreLimited() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < CustomHeaders.MAX_HEADERS; i++) {
            many.put("X-" + i, "v");
        }
        assertThat(CustomHeaders.validate(many)).hasSize(CustomHeaders.MAX_HEADERS);
        many.put("X-one-more", "v");
        assertRefused(many, Reason.TOO_MANY, null);

        // "X-Big: " + value + CRLF is exactly the limit, one more byte is over it
        String fits = "v".repeat(CustomHeaders.MAX_BYTES - "X-Big: \r\n".length());
        assertThat(CustomHeaders.validate(Map.of("X-Big", fits))).containsEntry("X-Big", fits);
        assertRefused(Map.of("X-Big", fits + "v"), Reason.TOO_LARGE, null);
    }

    @Test
    void headerLinesParseLikeHttp() {
        Map<String, String> parsed = CustomHeaders.parse(List.of("X-Token: abc", "Cookie:a=1;b=2", "X-Empty:",
                "X-Url:  http://h:8/p  "));

        assertThat(parsed).containsExactly(Map.entry("X-Token", "abc"), Map.entry("Cookie", "a=1;b=2"),
                Map.entry("X-Empty", ""), Map.entry("X-Url", "http://h:8/p"));
    }

    @Test
    void badHeaderLinesAreRefused() {
        assertThatThrownBy(() -> CustomHeaders.parse(List.of("no colon here")))
                .isInstanceOfSatisfying(QmgrInvalidHeaderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
                    assertThat(e.getMessage()).contains("no colon here");
                });
        assertThatThrownBy(() -> CustomHeaders.parse(List.of("X-A: 1", "X-A: 2")))
                .isInstanceOfSatisfying(QmgrInvalidHeaderException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE));
        assertThatThrownBy(() -> CustomHeaders.parse(List.of("X-A : 1")))
                .isInstanceOfSatisfying(QmgrInvalidHeaderException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NAME));
        assertThatThrownBy(() -> CustomHeaders.parse(List.of("Range: bytes=0-")))
                .isInstanceOfSatisfying(QmgrInvalidHeaderException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.RESERVED));
    }

    private static QmgrInvalidHeaderException assertRefused(Map<String, String> headers, Reason reason, String header) {
        QmgrInvalidHeaderException[] caught = new QmgrInvalidHeaderException[1];
        assertThatThrownBy(() -> CustomHeaders.validate(headers))
                .isInstanceOfSatisfying(QmgrInvalidHeaderException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.header()).isEqualTo(header);
                    assertThat(e.hresult()).isEqualTo(HResults.E_INVALIDARG);
                    assertThat(e).isInstanceOf(QmgrInvalidArgumentException.class);
                    caught[0] = e;
                });
        return caught[0];
    }
}
