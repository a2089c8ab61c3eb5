#include "scratchhome.h"
#include "windowfixture.h"

#include "models/capturetablemodel.h"
#include "models/entityformmodel.h"
#include "models/jsontreemodel.h"
#include "panes/captures/capturetableview.h"
#include "panes/detail/codeeditor.h"
#include "panes/detail/detailheader.h"
#include "panes/detail/detailpane.h"
#include "panes/detail/detailtabs.h"
#include "panes/detail/entitytab.h"
#include "panes/detail/headersview.h"
#include "panes/detail/jsontreetab.h"
#include "panes/detail/rawtab.h"
#include "panes/filters/filterpane.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextBlock>
#include <QToolButton>
#include <QTreeView>

// Edit → Copy (the menu and Ctrl+C) copies what the focused view has selected.
class TestFocusCopy : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { tearDown(); }
    void editCopyCopiesTheFocusedView();
    void nothingToCopyDisablesIt();
    void tableMenuCopiesTheClickedRow();

private:
    /// Edit → Copy as the menu does it: the menu opens (enabling or disabling it), then
    /// the item is chosen if enabled. False when it was disabled.
    bool chooseEditCopy();
    QMenu *editMenu() const;

    qint64 m_general = 0;
};

void TestFocusCopy::init() {
    QVERIFY(setUp());
    sendSamples();
    const CaptureStore *store = m_window->store();
    for (qsizetype i = 0; i < store->size() && !m_general; ++i) {
        if (store->row(i).kind == WebhookKind::General && store->row(i).eventCount > 1)
            m_general = store->row(i).id;
    }
    QVERIFY(m_general > 0);
    QVERIFY(m_window->captureView()->selectCapture(m_general));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->captureId(), m_general, Wait);
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
}

QMenu *TestFocusCopy::editMenu() const {
    for (QAction *action : m_window->menuBar()->actions()) {
        if (action->text() == QStringLiteral("&Edit"))
            return action->menu();
    }
    return nullptr;
}

bool TestFocusCopy::chooseEditCopy() {
    QMenu *edit = editMenu();
    if (!edit)
        return false;
    Q_EMIT edit->aboutToShow();
    QAction *copy = m_window->actions().copy;
    if (!copy->isEnabled())
        return false;
    copy->trigger();
    return true;
}

void TestFocusCopy::editCopyCopiesTheFocusedView() {
    QClipboard *clipboard = QApplication::clipboard();
    DetailPane *detail = m_window->detailPane();

    // A JSON tree value: the menu copies what Ctrl+C copies there, not the table's cell.
    const QString path = QStringLiteral("Events[0].Discriminator");
    detail->tabs()->setCurrentWidget(detail->tabs()->json());
    QVERIFY(detail->tabs()->json()->selectPath(path));
    QTreeView *tree = detail->tabs()->json()->view();
    QTRY_VERIFY_WITH_TIMEOUT(tree->hasFocus(), Wait);
    const QString value = tree->currentIndex().data(JsonTreeModel::CopyTextRole).toString();
    QVERIFY(!value.isEmpty());
    clipboard->clear();
    QVERIFY(chooseEditCopy());
    QCOMPARE(clipboard->text(), value);
    clipboard->clear();
    QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(clipboard->text(), value);

    // An entity field: its copy text (the value as sent).
    detail->tabs()->setCurrentWidget(detail->tabs()->entity());
    QTreeView *form = detail->tabs()->entity()->view();
    QVERIFY(form->model()->rowCount() > 0);
    QModelIndex field;
    for (int row = 0; row < form->model()->rowCount() && !field.isValid(); ++row) {
        const QModelIndex candidate = form->model()->index(row, 1);
        if (!candidate.data(EntityFormModel::CopyTextRole).toString().isEmpty())
            field = candidate;
    }
    QVERIFY(field.isValid());
    form->setFocus();
    form->setCurrentIndex(field);
    QTRY_VERIFY_WITH_TIMEOUT(form->hasFocus(), Wait);
    clipboard->clear();
    QVERIFY(chooseEditCopy());
    QCOMPARE(clipboard->text(), field.data(EntityFormModel::CopyTextRole).toString());

    // The Raw tab's selected text.
    detail->tabs()->setCurrentWidget(detail->tabs()->raw());
    CodeEditor *raw = detail->tabs()->raw()->editor();
    QTextCursor cursor(raw->document()->firstBlock());
    cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    raw->setTextCursor(cursor);
    raw->setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(raw->hasFocus(), Wait);
    QVERIFY(cursor.selectedText().startsWith(QLatin1String("POST ")));
    clipboard->clear();
    QVERIFY(chooseEditCopy());
    QCOMPARE(clipboard->text(), cursor.selectedText());

    // A header row.
    detail->tabs()->setCurrentWidget(detail->tabs()->headers());
    QTableView *headers = detail->tabs()->headers();
    headers->setFocus();
    headers->setCurrentIndex(headers->model()->index(0, 1));
    clipboard->clear();
    QVERIFY(chooseEditCopy());
    QCOMPARE(clipboard->text(), headers->model()->index(0, 1).data().toString());

    // The search field's selected text.
    QLineEdit *search = m_window->filterPane()->searchEdit();
    search->setText(QStringLiteral("Reservation"));
    search->setFocus();
    search->setSelection(0, 7);
    clipboard->clear();
    QVERIFY(chooseEditCopy());
    QCOMPARE(clipboard->text(), QStringLiteral("Reserva"));

    // And the table's cell, as before.
    CaptureTableView *table = m_window->captureView();
    table->setFocus();
    table->setCurrentIndex(table->model()->index(0, CaptureTableModel::MethodColumn));
    clipboard->clear();
    QVERIFY(chooseEditCopy());
    QCOMPARE(clipboard->text(), QStringLiteral("POST"));
}

void TestFocusCopy::nothingToCopyDisablesIt() {
    QLineEdit *search = m_window->filterPane()->searchEdit();
    search->setFocus();
    search->setText(QStringLiteral("nothing selected"));
    search->deselect();
    QApplication::clipboard()->setText(QStringLiteral("before"));
    QVERIFY(!chooseEditCopy());
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("before"));
    // A button has nothing to copy either.
    m_window->detailPane()->header()->revealButton()->setFocus();
    QVERIFY(!chooseEditCopy());
}

void TestFocusCopy::tableMenuCopiesTheClickedRow() {
    CaptureTableView *table = m_window->captureView();
    QAction *copy = m_window->actions().copy;
    table->clearCurrent();
    QLineEdit *search = m_window->filterPane()->searchEdit();
    search->setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(search->hasFocus(), Wait);
    QVERIFY(!copy->isEnabled()); // nothing selected in the search box
    // A right-click on a row: the click gives the table the focus (as QApplication does
    // on a real press), then the press makes the row current, then the menu opens with
    // Copy for that row's cell.
    const QModelIndex cell = table->model()->index(0, CaptureTableModel::NumberColumn);
    table->setFocus(Qt::MouseFocusReason);
    QTRY_VERIFY_WITH_TIMEOUT(table->hasFocus(), Wait);
    QVERIFY(!copy->isEnabled());
    QTest::mousePress(table->viewport(), Qt::RightButton, {}, table->visualRect(cell).center());
    QTest::mouseRelease(table->viewport(), Qt::RightButton, {}, table->visualRect(cell).center());
    QCOMPARE(table->currentIndex(), cell);
    QVERIFY(copy->isEnabled());
    QApplication::clipboard()->clear();
    copy->trigger();
    QCOMPARE(QApplication::clipboard()->text(), cell.data().toString());
    // And no row current: nothing to copy.
    table->clearCurrent();
    QVERIFY(!copy->isEnabled());
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestFocusCopy>(argc, argv, QStringLiteral("tst_focuscopy"));
}

#include "tst_focuscopy.moc"
