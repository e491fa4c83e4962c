package org.qmgr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checklist items C1–C6 of QMGR.md §8 ("Constants and binary contract"), asserted against the spec's literals. */
class ConstantsConformanceTest {

    @Test
    void C1_notifyFlagValues() {
        assertThat(NotifyFlag.FILE_DONE.value()).isEqualTo(0x1);
        assertThat(NotifyFlag.JOB_DONE.value()).isEqualTo(0x2);
        assertThat(NotifyFlag.GROUP_DONE.value()).isEqualTo(0x4);
        assertThat(NotifyFlag.DISABLE_NOTIFY.value()).isEqualTo(0x40);
        assertThat(NotifyFlag.USE_PROGRESSEX.value()).isEqualTo(0x80);
        assertThat(NotifyFlag.values()).hasSize(5);
        assertThat(NotifyFlag.VALID_MASK).isEqualTo(0xC7);
    }

    @Test
    void C2_statusFlagValues() {
        assertThat(FileStatusFlag.COMPLETE.value()).isEqualTo(0x1);
        assertThat(FileStatusFlag.INCOMPLETE.value()).isEqualTo(0x2);
        assertThat(JobStatusFlag.COMPLETE.value()).isEqualTo(0x4);
        assertThat(JobStatusFlag.INCOMPLETE.value()).isEqualTo(0x8);
        assertThat(JobStatusFlag.ERROR.value()).isEqualTo(0x10);
        assertThat(JobStatusFlag.FOREGROUND.value()).isEqualTo(0x20);
        assertThat(GroupStatusFlag.COMPLETE.value()).isEqualTo(0x40);
        assertThat(GroupStatusFlag.INCOMPLETE.value()).isEqualTo(0x80);
        assertThat(GroupStatusFlag.SUSPENDED.value()).isEqualTo(0x100);
        assertThat(GroupStatusFlag.ERROR.value()).isEqualTo(0x200);
        assertThat(GroupStatusFlag.FOREGROUND.value()).isEqualTo(0x400);
        assertThat(FileStatusFlag.values()).hasSize(2);
        assertThat(JobStatusFlag.values()).hasSize(4);
        assertThat(GroupStatusFlag.values()).hasSize(5);
    }

    @Test
    void C3_protocolAndProgressValues() {
        assertThat(Protocol.HTTP.value()).isEqualTo(1);
        assertThat(Protocol.FTP.value()).isEqualTo(2);
        assertThat(Protocol.SMB.value()).isEqualTo(3);
        assertThat(Protocol.CUSTOM.value()).isEqualTo(4);
        assertThat(Protocol.values()).hasSize(4);
        assertThat(ProgressType.PERCENT_DONE.value()).isEqualTo(1);
        assertThat(ProgressType.TIME_DONE.value()).isEqualTo(2);
        assertThat(ProgressType.SIZE_DONE.value()).isEqualTo(3);
        assertThat(ProgressType.values()).hasSize(3);
        for (int v = 1; v <= 4; v++) {
            assertThat(Protocol.fromValue(v).value()).isEqualTo(v);
        }
        for (int v = 1; v <= 3; v++) {
            assertThat(ProgressType.fromValue(v).value()).isEqualTo(v);
        }
        assertInvalidArg(() -> Protocol.fromValue(0));
        assertInvalidArg(() -> Protocol.fromValue(5));
        assertInvalidArg(() -> ProgressType.fromValue(0));
        assertInvalidArg(() -> ProgressType.fromValue(4));
    }

    @Test
    void C4_qmgrHresultValues() {
        assertThat(HResults.QM_E_INVALID_STATE).isEqualTo(0x81001001).isEqualTo(-2130702335);
        assertThat(HResults.QM_E_SERVICE_UNAVAILABLE).isEqualTo(0x81001002).isEqualTo(-2130702334);
        assertThat(HResults.QM_E_DOWNLOADER_UNAVAILABLE).isEqualTo(0x81001003).isEqualTo(-2130702333);
        assertThat(HResults.QM_E_ITEM_NOT_FOUND).isEqualTo(0x81001004).isEqualTo(-2130702332);
    }

    @Test
    void C5_groupPropFromValue() {
        List<String> names = List.of("PRIORITY", "REMOTEUSERID", "REMOTEUSERPWD", "LOCALUSERID", "LOCALUSERPWD",
                "PROTOCOLFLAGS", "NOTIFYFLAGS", "NOTIFYCLSID", "PROGRESSSIZE", "PROGRESSPERCENT", "PROGRESSTIME",
                "DISPLAYNAME", "DESCRIPTION");
        assertThat(IntStream.rangeClosed(0, 12).mapToObj(i -> GroupProp.fromValue(i).name()).toList())
                .isEqualTo(names);
        assertThat(Arrays.stream(GroupProp.values()).map(Enum::name).toList()).isEqualTo(names);
        for (int id = 0; id <= 12; id++) {
            assertThat(GroupProp.fromValue(id).value()).isEqualTo(id);
        }
        for (int bad : new int[] {13, -1}) {
            assertThatThrownBy(() -> GroupProp.fromValue(bad))
                    .isInstanceOf(QmgrNotImplementedException.class)
                    .extracting(e -> ((QmgrException) e).hresult()).isEqualTo(0x80004001);
            assertThat(GroupProp.find(bad)).isEmpty();
        }
    }

    @Test
    void C6_guidConstantsAndRoundTrip() {
        Map<UUID, String> spec = Map.of(
                Guids.IID_IBackgroundCopyQMgr, "16F41C69-09F5-41D2-8CD8-3C08C47BC8A8",
                Guids.IID_IBackgroundCopyGroup, "1DED80A7-53EA-424F-8A04-17FEA9ADC4F5",
                Guids.IID_IBackgroundCopyJob1, "59F5553C-2031-4629-BB18-2645A6970947",
                Guids.IID_IEnumBackgroundCopyGroups, "D993E603-4AA4-47C5-8665-C20D39C2BA4F",
                Guids.IID_IEnumBackgroundCopyJobs1, "8BAEBA9D-8F1C-42C4-B82C-09AE79980D25",
                Guids.IID_IBackgroundCopyCallback1, "084F6593-3800-4E08-9B59-99FA59ADDF82",
                Guids.CLSID_BackgroundCopyQMgr, "69AD4AEE-51BE-439B-A92C-86AE490E8B30",
                Guids.IID_IBackgroundCopyJob, "37668D37-507E-4160-9316-26306D150B12");
        assertThat(spec).hasSize(8);
        spec.forEach((constant, text) -> {
            assertThat(Guids.format(constant)).isEqualTo("{" + text + "}");
            assertThat(Guids.parse(Guids.format(constant))).isEqualTo(constant);
            assertThat(Guids.parse(text)).isEqualTo(constant);
            assertThat(Guids.parse(text.toLowerCase(Locale.ROOT))).isEqualTo(constant);
            assertThat(Guids.parseBraced("{" + text.toLowerCase(Locale.ROOT) + "}")).isEqualTo(constant);
        });
        assertThat(Guids.GUID_NULL.getMostSignificantBits()).isZero();
        assertThat(Guids.GUID_NULL.getLeastSignificantBits()).isZero();
        assertThat(Guids.format(Guids.GUID_NULL)).isEqualTo("{00000000-0000-0000-0000-000000000000}");
        UUID random = UUID.randomUUID();
        assertThat(Guids.parse(Guids.format(random))).isEqualTo(random);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "", "not-a-guid", "{}", " 16F41C69-09F5-41D2-8CD8-3C08C47BC8A8",
        "{16F41C69-09F5-41D2-8CD8-3C08C47BC8A8", "16F41C69-09F5-41D2-8CD8-3C08C47BC8A8}",
        "16F41C69-9F5-41D2-8CD8-3C08C47BC8A8", "16F41C6909F541D28CD83C08C47BC8A8",
        "G6F41C69-09F5-41D2-8CD8-3C08C47BC8A8", "16F41C69-09F5-41D2-8CD8-3C08C47BC8A8A",
        "(16F41C69-09F5-41D2-8CD8-3C08C47BC8A8)"})
    void C6_malformedGuidFailsWithInvalidArg(String text) {
        assertInvalidArg(() -> Guids.parse(text));
        assertInvalidArg(() -> Guids.parseBraced(text));
    }

    @Test
    void C6_parseBracedRequiresBracesAndErrorsNameTheValue() {
        assertInvalidArg(() -> Guids.parseBraced("16F41C69-09F5-41D2-8CD8-3C08C47BC8A8"));
        assertThatThrownBy(() -> Guids.parse("not-a-guid")).hasMessageContaining("'not-a-guid'");
    }

    static void assertInvalidArg(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOf(QmgrInvalidArgumentException.class)
                .extracting(e -> ((QmgrException) e).hresult()).isEqualTo(0x80070057);
    }
}
