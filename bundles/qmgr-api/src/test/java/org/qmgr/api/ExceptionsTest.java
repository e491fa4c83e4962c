package org.qmgr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qmgr.api.ConstantsConformanceTest.assertInvalidArg;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exception hierarchy of §6.3: subclass per HRESULT, message format, reasons and limits. */
class ExceptionsTest {

    private static Map<Integer, Class<? extends QmgrException>> table() {
        Map<Integer, Class<? extends QmgrException>> t = new LinkedHashMap<>();
        t.put(0x81001001, QmgrInvalidStateException.class);
        t.put(0x81001004, QmgrItemNotFoundException.class);
        t.put(0x81001002, QmgrServiceUnavailableException.class);
        t.put(0x81001003, QmgrDownloaderUnavailableException.class);
        t.put(0x80004001, QmgrNotImplementedException.class);
        t.put(0x80070057, QmgrInvalidArgumentException.class);
        t.put(0x80070005, QmgrAccessDeniedException.class);
        t.put(0x80004002, QmgrNoInterfaceException.class);
        t.put(0x80070003, QmgrPathNotFoundException.class);
        t.put(0x80040154, QmgrClassNotRegisteredException.class);
        t.put(0x80200049, QmgrLimitExceededException.class);
        t.put(0x80200050, QmgrLimitExceededException.class);
        t.put(0x80200051, QmgrLimitExceededException.class);
        return t;
    }

    @Test
    void ofPicksTheSubclassOfEachHresult() {
        table().forEach((hr, type) -> {
            QmgrException e = QmgrException.of(hr, "detail");
            assertThat(e).as(HResults.hex(hr)).isExactlyInstanceOf(type);
            assertThat(e.hresult()).isEqualTo(hr);
            assertThat(e).isInstanceOf(RuntimeException.class);
        });
    }

    @Test
    void otherFailuresArePlainQmgrExceptions() {
        for (int hr : new int[] {0x80004005, 0x8007000E, 0x80004003, 0x80200003, 0x80190194}) {
            QmgrException e = QmgrException.of(hr, "x");
            assertThat(e).isExactlyInstanceOf(QmgrException.class);
            assertThat(e.hresult()).isEqualTo(hr);
        }
    }

    @Test
    void subclassConstructorsCarryTheirHresult() {
        assertThat(new QmgrInvalidStateException("m").hresult()).isEqualTo(0x81001001);
        assertThat(new QmgrItemNotFoundException("m").hresult()).isEqualTo(0x81001004);
        assertThat(new QmgrServiceUnavailableException("m").hresult()).isEqualTo(0x81001002);
        assertThat(new QmgrDownloaderUnavailableException("m").hresult()).isEqualTo(0x81001003);
        assertThat(new QmgrNotImplementedException("m").hresult()).isEqualTo(0x80004001);
        assertThat(new QmgrInvalidArgumentException("m").hresult()).isEqualTo(0x80070057);
        assertThat(new QmgrAccessDeniedException("m").hresult()).isEqualTo(0x80070005);
        assertThat(new QmgrNoInterfaceException("m").hresult()).isEqualTo(0x80004002);
        assertThat(new QmgrPathNotFoundException("m").hresult()).isEqualTo(0x80070003);
        assertThat(new QmgrClassNotRegisteredException("m").hresult()).isEqualTo(0x80040154);
        assertThat(new QmgrLimitExceededException(0x80200051, "m").hresult()).isEqualTo(0x80200051);
    }

    @Test
    void messageIsNameColonDetail() {
        QmgrException e = new QmgrInvalidStateException(QmgrInvalidStateException.Reason.CANCELLED,
                "group {69AD4AEE-51BE-439B-A92C-86AE490E8B30} is cancelled");
        assertThat(e.getMessage())
                .isEqualTo("QM_E_INVALID_STATE: group {69AD4AEE-51BE-439B-A92C-86AE490E8B30} is cancelled");
        assertThat(e.hresultName()).isEqualTo("QM_E_INVALID_STATE");
        assertThat(new QmgrItemNotFoundException(null).getMessage()).isEqualTo("QM_E_ITEM_NOT_FOUND");
        assertThat(QmgrException.of(0x80190194, "not found").getMessage()).isEqualTo("0x80190194: not found");
        assertThat(QmgrException.of(0x80070003, "no dir").getMessage()).isEqualTo("E_PATH_NOT_FOUND: no dir");
    }

    @Test
    void invalidStateCarriesItsReason() {
        assertThat(new QmgrInvalidStateException(QmgrInvalidStateException.Reason.EMPTY, "m").reason())
                .isEqualTo(QmgrInvalidStateException.Reason.EMPTY);
        assertThat(new QmgrInvalidStateException("m").reason()).isNull();
        assertThat(((QmgrInvalidStateException) QmgrException.of(0x81001001, "m")).reason()).isNull();
        assertThat(QmgrInvalidStateException.Reason.values()).extracting(Enum::name)
                .containsExactly("CANCELLED", "RUNNING", "EMPTY", "COMPLETE");
    }

    @Test
    void causeIsKept() {
        IOException io = new IOException("disk");
        assertThat(QmgrException.of(0x80070005, "m", io)).hasCause(io);
        assertThat(new QmgrPathNotFoundException("m", io)).hasCause(io);
        assertThat(new QmgrException(0x80004005, "m", io)).hasCause(io);
    }

    @Test
    void successCodesAreNeverExceptions() {
        assertInvalidArg(() -> QmgrException.of(0, "ok"));
        assertInvalidArg(() -> QmgrException.of(1, "false"));
        assertInvalidArg(() -> new QmgrException(0x00200017, "partial"));
    }

    @Test
    void limitExceededAcceptsOnlyTooManyCodes() {
        assertInvalidArg(() -> new QmgrLimitExceededException(0x80070057, "m"));
        assertThatThrownBy(() -> new QmgrLimitExceededException(0x80200001, "m"))
                .hasMessageContaining("BG_E_NOT_FOUND");
        assertThat(new QmgrLimitExceededException(0x80200049, "60 groups").getMessage())
                .isEqualTo("BG_E_TOO_MANY_JOBS_PER_USER: 60 groups");
    }
}
