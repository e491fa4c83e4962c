package org.qmgr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.qmgr.api.ConstantsConformanceTest.assertInvalidArg;

import org.junit.jupiter.api.Test;

/** {@link Variant}: construction rules, integer reading per §3, string access and password-safe text. */
class VariantTest {

    @Test
    void factoriesSetTypeAndValue() {
        assertThat(Variant.empty()).isEqualTo(new Variant(VarType.EMPTY, null));
        assertThat(Variant.nullValue()).isEqualTo(new Variant(VarType.NULL, null));
        assertThat(Variant.i2(-5)).isEqualTo(new Variant(VarType.I2, -5));
        assertThat(Variant.i4(7)).isEqualTo(new Variant(VarType.I4, 7));
        assertThat(Variant.ui2(65535)).isEqualTo(new Variant(VarType.UI2, 65535));
        assertThat(Variant.ui4(1)).isEqualTo(new Variant(VarType.UI4, 1));
        assertThat(Variant.ofInt(1).type()).isEqualTo(VarType.INT);
        assertThat(Variant.ofUint(1).type()).isEqualTo(VarType.UINT);
        assertThat(Variant.bstr("x")).isEqualTo(new Variant(VarType.BSTR, "x"));
        assertThat(Variant.bstr("").stringValue()).isEmpty();
    }

    @Test
    void constructorRejectsMismatchedValues() {
        assertInvalidArg(() -> new Variant(null, 1));
        assertInvalidArg(() -> new Variant(VarType.EMPTY, 0));
        assertInvalidArg(() -> new Variant(VarType.NULL, ""));
        assertInvalidArg(() -> new Variant(VarType.I4, null));
        assertInvalidArg(() -> new Variant(VarType.I4, 1L));
        assertInvalidArg(() -> new Variant(VarType.UI4, "1"));
        assertInvalidArg(() -> new Variant(VarType.BSTR, 1));
        assertInvalidArg(() -> Variant.bstr(null));
        assertInvalidArg(() -> Variant.i2(32768));
        assertInvalidArg(() -> Variant.i2(-32769));
        assertInvalidArg(() -> Variant.ui2(-1));
        assertInvalidArg(() -> Variant.ui2(65536));
        assertThat(Variant.i2(-32768).intValue()).isEqualTo(-32768);
        assertThat(Variant.i2(32767).intValue()).isEqualTo(32767);
        assertThat(Variant.ui2(0).intValue()).isZero();
    }

    @Test
    void integersAreSignExtendedThenReadUnsigned() {
        assertThat(Variant.i2(-1).intValue()).isEqualTo(-1);
        assertThat(Variant.i2(-1).unsignedValue()).isEqualTo(0xFFFFFFFFL);
        assertThat(Variant.i4(-2).unsignedValue()).isEqualTo(4294967294L);
        assertThat(Variant.ofInt(-1).unsignedValue()).isEqualTo(4294967295L);
        assertThat(Variant.ui2(0xFFFF).unsignedValue()).isEqualTo(65535L);
        assertThat(Variant.ui4(0x80000000).unsignedValue()).isEqualTo(2147483648L);
        assertThat(Variant.ofUint(1).unsignedValue()).isEqualTo(1L);
    }

    @Test
    void integerTypesAreClassified() {
        for (Variant v : new Variant[] {Variant.i2(1), Variant.i4(1), Variant.ui2(1), Variant.ui4(1),
            Variant.ofInt(1), Variant.ofUint(1)}) {
            assertThat(v.isInteger()).as(v.toString()).isTrue();
            assertThat(v.intValue()).isEqualTo(1);
            assertInvalidArg(v::stringValue);
        }
        for (Variant v : new Variant[] {Variant.empty(), Variant.nullValue(), Variant.bstr("1")}) {
            assertThat(v.isInteger()).as(v.toString()).isFalse();
            assertInvalidArg(v::intValue);
            assertInvalidArg(v::unsignedValue);
        }
        assertInvalidArg(Variant.empty()::stringValue);
        assertThat(Variant.bstr("abc").stringValue()).isEqualTo("abc");
    }

    @Test
    void varTypeNumbersFollowWtypes() {
        assertThat(VarType.EMPTY.value()).isEqualTo(0);
        assertThat(VarType.NULL.value()).isEqualTo(1);
        assertThat(VarType.I2.value()).isEqualTo(2);
        assertThat(VarType.I4.value()).isEqualTo(3);
        assertThat(VarType.BSTR.value()).isEqualTo(8);
        assertThat(VarType.UI2.value()).isEqualTo(18);
        assertThat(VarType.UI4.value()).isEqualTo(19);
        assertThat(VarType.INT.value()).isEqualTo(22);
        assertThat(VarType.UINT.value()).isEqualTo(23);
        assertThat(VarType.fromValue(19)).isEqualTo(VarType.UI4);
        assertInvalidArg(() -> VarType.fromValue(11));
    }

    @Test
    void toStringNeverShowsStringContents() {
        Variant secret = Variant.bstr("hunter2-password");
        assertThat(secret.toString()).isEqualTo("BSTR(16 chars)").doesNotContain("hunter2");
        assertThat(Variant.i4(42)).hasToString("I4(42)");
        assertThat(Variant.empty()).hasToString("EMPTY");
        assertThat(Variant.nullValue()).hasToString("NULL");
    }

    @Test
    void errorMessageForBadPayloadDoesNotEchoStrings() {
        assertThat(catchThrowable(() -> new Variant(VarType.I4, "secret")))
                .hasMessageNotContaining("secret");
    }
}
