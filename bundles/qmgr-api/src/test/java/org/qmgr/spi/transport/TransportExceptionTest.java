package org.qmgr.spi.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Messages of transport failures never carry credentials. */
class TransportExceptionTest {

    @Test
    void httpStatusMessageDropsUserInfo() {
        TransportException e = TransportException.httpStatus(404, null, "https://alice:s3cret@example.org/a?b=c");
        assertThat(e.getMessage()).isEqualTo("HTTP 404 from https://***@example.org/a?b=c").doesNotContain("s3cret");
        assertThat(e.kind()).isEqualTo(TransportException.Kind.HTTP_STATUS);
        assertThat(e.httpStatus()).isEqualTo(404);
    }

    @Test
    void urlsWithoutUserInfoStayAsTheyAre() {
        assertThat(TransportException.withoutUserInfo("http://h/p@x")).isEqualTo("http://h/p@x");
        assertThat(TransportException.withoutUserInfo(null)).isNull();
    }

    @Test
    void credentialsNeverPrintThePassword() {
        assertThat(new Credentials("bob", "hunter2").toString()).doesNotContain("hunter2").contains("bob");
    }
}
