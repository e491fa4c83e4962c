package org.qmgr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.qmgr.api.ConstantsConformanceTest.assertInvalidArg;

import org.junit.jupiter.api.Test;

/** The standard HRESULTs of §4.5, the BITS codes of §4.9, the Win32 codes of §4.10 and their names. */
class HResultsTest {

    @Test
    void standardHresultsHaveSpecValues() {
        assertThat(HResults.S_OK).isEqualTo(0);
        assertThat(HResults.S_FALSE).isEqualTo(1);
        assertThat(HResults.E_NOTIMPL).isEqualTo(0x80004001).isEqualTo(-2147467263);
        assertThat(HResults.E_NOINTERFACE).isEqualTo(0x80004002).isEqualTo(-2147467262);
        assertThat(HResults.E_POINTER).isEqualTo(0x80004003).isEqualTo(-2147467261);
        assertThat(HResults.E_FAIL).isEqualTo(0x80004005).isEqualTo(-2147467259);
        assertThat(HResults.E_ACCESSDENIED).isEqualTo(0x80070005).isEqualTo(-2147024891);
        assertThat(HResults.E_OUTOFMEMORY).isEqualTo(0x8007000E).isEqualTo(-2147024882);
        assertThat(HResults.E_INVALIDARG).isEqualTo(0x80070057).isEqualTo(-2147024809);
        assertThat(HResults.E_PATH_NOT_FOUND).isEqualTo(0x80070003).isEqualTo(-2147024893);
        assertThat(HResults.REGDB_E_CLASSNOTREG).isEqualTo(0x80040154).isEqualTo(-2147221164);
    }

    @Test
    void bitsCodesHaveSpecValues() {
        assertThat(HResults.BG_E_NOT_FOUND).isEqualTo(0x80200001);
        assertThat(HResults.BG_E_INVALID_STATE).isEqualTo(0x80200002);
        assertThat(HResults.BG_E_EMPTY).isEqualTo(0x80200003);
        assertThat(HResults.BG_E_MISSING_FILE_SIZE).isEqualTo(0x80200011);
        assertThat(HResults.BG_E_INSUFFICIENT_HTTP_SUPPORT).isEqualTo(0x80200012);
        assertThat(HResults.BG_E_INSUFFICIENT_RANGE_SUPPORT).isEqualTo(0x80200013);
        assertThat(HResults.BG_E_TOO_MANY_JOBS_PER_USER).isEqualTo(0x80200049);
        assertThat(HResults.BG_E_TOO_MANY_JOBS_PER_MACHINE).isEqualTo(0x80200050);
        assertThat(HResults.BG_E_TOO_MANY_FILES_IN_JOB).isEqualTo(0x80200051);
        assertThat(HResults.BG_S_PARTIAL_COMPLETE).isEqualTo(0x00200017);
        assertThat(HResults.BG_S_UNABLE_TO_DELETE_FILES).isEqualTo(0x0020001A);
    }

    @Test
    void httpStatusMapsIntoFacility0x19() {
        assertThat(HResults.fromHttpStatus(404)).isEqualTo(0x80190194);
        assertThat(HResults.fromHttpStatus(500)).isEqualTo(0x801901F4);
        assertInvalidArg(() -> HResults.fromHttpStatus(-1));
        assertInvalidArg(() -> HResults.fromHttpStatus(0x10000));
    }

    @Test
    void namesAndHex() {
        assertThat(HResults.name(0x81001001)).isEqualTo("QM_E_INVALID_STATE");
        assertThat(HResults.name(0x81001004)).isEqualTo("QM_E_ITEM_NOT_FOUND");
        assertThat(HResults.name(0x80070057)).isEqualTo("E_INVALIDARG");
        assertThat(HResults.name(0x80070003)).isEqualTo("E_PATH_NOT_FOUND");
        assertThat(HResults.name(0x80200049)).isEqualTo("BG_E_TOO_MANY_JOBS_PER_USER");
        assertThat(HResults.name(0)).isEqualTo("S_OK");
        assertThat(HResults.name(1)).isEqualTo("S_FALSE");
        assertThat(HResults.name(0x80190194)).isEqualTo("0x80190194");
        assertThat(HResults.hex(0x81001001)).isEqualTo("0x81001001");
        assertThat(HResults.hex(0x8007000E)).isEqualTo("0x8007000E");
        assertThat(HResults.hex(0x17)).isEqualTo("0x00000017");
    }

    @Test
    void win32CodesHaveSpecValuesAndNames() {
        assertThat(Win32Results.ERROR_SUCCESS).isEqualTo(0);
        assertThat(Win32Results.ERROR_PATH_NOT_FOUND).isEqualTo(3);
        assertThat(Win32Results.ERROR_ACCESS_DENIED).isEqualTo(5);
        assertThat(Win32Results.ERROR_WRITE_FAULT).isEqualTo(29);
        assertThat(Win32Results.ERROR_SHARING_VIOLATION).isEqualTo(32);
        assertThat(Win32Results.ERROR_DISK_FULL).isEqualTo(112);
        assertThat(Win32Results.ERROR_INTERNET_TIMEOUT).isEqualTo(12002);
        assertThat(Win32Results.ERROR_INTERNET_NAME_NOT_RESOLVED).isEqualTo(12007);
        assertThat(Win32Results.ERROR_INTERNET_CANNOT_CONNECT).isEqualTo(12029);
        assertThat(Win32Results.ERROR_INTERNET_CONNECTION_ABORTED).isEqualTo(12030);
        assertThat(Win32Results.ERROR_INTERNET_CONNECTION_RESET).isEqualTo(12031);
        assertThat(Win32Results.ERROR_HTTP_INVALID_SERVER_RESPONSE).isEqualTo(12152);
        assertThat(Win32Results.ERROR_WINHTTP_SECURE_FAILURE).isEqualTo(12175);
        assertThat(Win32Results.name(112)).isEqualTo("ERROR_DISK_FULL");
        assertThat(Win32Results.name(0)).isEqualTo("ERROR_SUCCESS");
        assertThat(Win32Results.name(12175)).isEqualTo("ERROR_WINHTTP_SECURE_FAILURE");
        assertThat(Win32Results.name(99999)).isEqualTo("99999");
    }
}
