package org.qmgr.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qmgr.api.BackgroundCopyGroup;
import org.qmgr.api.BackgroundCopyQMgr;
import org.qmgr.api.GroupEnumerator;
import org.qmgr.api.Guids;
import org.qmgr.api.NotifyFlag;
import org.qmgr.api.QmgrException;

/** Conformance checklist C8–C17 (spec §1.2, §2.1): creating, opening and listing groups, per identity. */
class QueueManagerConformanceTest {

    private static final int E_INVALIDARG = 0x80070057;
    private static final int E_NOTIMPL = 0x80004001;
    private static final int E_ACCESSDENIED = 0x80070005;
    private static final int QM_E_ITEM_NOT_FOUND = 0x81001004;

    private EngineFixture fixture;
    private BackgroundCopyQMgr alice;
    private BackgroundCopyQMgr bob;
    private BackgroundCopyQMgr admin;

    @BeforeEach
    void start() {
        fixture = new EngineFixture();
        alice = fixture.client("bundle:alice", false);
        bob = fixture.client("bundle:bob", false);
        admin = fixture.client("karaf", true);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void C8_createGroupReturnsAGroupWithTheGivenId() {
        UUID id = UUID.randomUUID();

        BackgroundCopyGroup group = alice.createGroup(id);

        assertThat(group.getGroupId()).isEqualTo(id);
    }

    @Test
    void C9_duplicateCreateGroupFailsWithInvalidArgAndKeepsTheFirst() {
        UUID id = UUID.randomUUID();
        BackgroundCopyGroup first = alice.createGroup(id);
        first.setDisplayName("first");
        first.setNotifyFlagsMask(NotifyFlag.GROUP_DONE.value());
        first.switchToForeground();

        assertHresult(() -> alice.createGroup(id), E_INVALIDARG);
        assertHresult(() -> bob.createGroup(id), E_INVALIDARG);

        assertThat(first.getDisplayName()).isEqualTo("first");
        assertThat(first.getNotifyFlagsMask()).isEqualTo(0x4);
        assertThat(first.getStatus().raw()).isEqualTo(0x580);
        assertThat(alice.enumGroups().next(10)).containsExactly(id);
        assertThat(bob.enumGroups().getCount()).isZero();
    }

    @Test
    void C10_createGroupWithGuidNullFailsWithInvalidArg() {
        assertHresult(() -> alice.createGroup(Guids.GUID_NULL), E_INVALIDARG);

        assertThat(admin.enumGroups().getCount()).isZero();
    }

    @Test
    void C11_getGroupOfAnUnknownIdFailsWithItemNotFound() {
        alice.createGroup(UUID.randomUUID());

        assertHresult(() -> alice.getGroup(UUID.randomUUID()), QM_E_ITEM_NOT_FOUND);
        assertHresult(() -> admin.getGroup(UUID.randomUUID()), QM_E_ITEM_NOT_FOUND);
    }

    @Test
    void C12_handlesFromCreateAndGetSeeEachOthersChanges() {
        UUID id = UUID.randomUUID();
        BackgroundCopyGroup created = alice.createGroup(id);
        BackgroundCopyGroup opened = alice.getGroup(id);

        created.setDisplayName("set through create");
        assertThat(opened.getDisplayName()).isEqualTo("set through create");

        opened.setDescription("set through get");
        opened.switchToForeground();
        assertThat(created.getDescription()).isEqualTo("set through get");
        assertThat(created.getStatus().raw()).isEqualTo(0x580);
    }

    @Test
    void C13_enumGroupsWithNonZeroFlagsFailsWithNotImplAndZeroSucceeds() {
        UUID id = alice.createGroup(UUID.randomUUID()).getGroupId();

        assertHresult(() -> alice.enumGroups(1), E_NOTIMPL);
        assertHresult(() -> alice.enumGroups(-1), E_NOTIMPL);

        GroupEnumerator all = alice.enumGroups(0);
        assertThat(all.getCount()).isEqualTo(1);
        assertThat(all.next(1)).containsExactly(id);
    }

    @Test
    void C14_aUserListsExactlyItsOwnLiveGroupsAndAnAdminListsAll() {
        UUID a1 = alice.createGroup(UUID.randomUUID()).getGroupId();
        UUID a2 = alice.createGroup(UUID.randomUUID()).getGroupId();
        BackgroundCopyGroup aliceCancelled = alice.createGroup(UUID.randomUUID());
        UUID b1 = bob.createGroup(UUID.randomUUID()).getGroupId();
        UUID adminOwn = admin.createGroup(UUID.randomUUID()).getGroupId();
        aliceCancelled.cancel();

        assertThat(ids(alice.enumGroups())).containsExactlyInAnyOrder(a1, a2);
        assertThat(ids(bob.enumGroups())).containsExactly(b1);
        assertThat(ids(admin.enumGroups())).containsExactlyInAnyOrder(a1, a2, b1, adminOwn);
        assertThat(ids(fixture.client("bundle:nobody", false).enumGroups())).isEmpty();
    }

    @Test
    void C15_aUserOpeningAnotherUsersGroupFailsWithAccessDenied() {
        UUID id = alice.createGroup(UUID.randomUUID()).getGroupId();

        assertHresult(() -> bob.getGroup(id), E_ACCESSDENIED);

        assertThat(alice.getGroup(id).getGroupId()).isEqualTo(id);
        assertThat(ids(bob.enumGroups())).isEmpty();
    }

    @Test
    void C16_anAdminOpeningAUsersGroupTakesOwnership() {
        UUID id = alice.createGroup(UUID.randomUUID()).getGroupId();
        UUID kept = alice.createGroup(UUID.randomUUID()).getGroupId();

        BackgroundCopyGroup taken = admin.getGroup(id);

        assertThat(taken.getGroupId()).isEqualTo(id);
        assertThat(admin.getGroupInfo(id).owner).isEqualTo("karaf");
        assertThat(ids(alice.enumGroups())).containsExactly(kept);
        assertHresult(() -> alice.getGroup(id), E_ACCESSDENIED);
        assertThat(ids(admin.enumGroups())).contains(id, kept);
    }

    @Test
    void C17_afterCancelTheIdIsNotFoundAndCanBeCreatedAgain() {
        UUID id = UUID.randomUUID();
        BackgroundCopyGroup group = alice.createGroup(id);
        group.setDisplayName("old");

        group.cancel();

        assertHresult(() -> alice.getGroup(id), QM_E_ITEM_NOT_FOUND);
        assertHresult(() -> admin.getGroup(id), QM_E_ITEM_NOT_FOUND);
        BackgroundCopyGroup again = alice.createGroup(id);
        assertThat(again.getGroupId()).isEqualTo(id);
        assertThat(again.getDisplayName()).isEmpty();
        assertThat(again.getStatus().raw()).isEqualTo(0x180);
        assertThat(ids(alice.enumGroups())).containsExactly(id);
    }

    private static List<UUID> ids(GroupEnumerator e) {
        return e.next(e.getCount());
    }

    private static void assertHresult(ThrowingCallable call, int hresult) {
        assertThatThrownBy(call).isInstanceOfSatisfying(QmgrException.class,
                e -> assertThat(e.hresult()).as("HRESULT %s", e.hresultName()).isEqualTo(hresult));
    }
}
