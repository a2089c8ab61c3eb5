#include "detailfixture.h"

#include "models/findingsmodel.h"
#include "models/jsontreemodel.h"
#include "panes/detail/entitytab.h"
#include "panes/detail/findingsview.h"
#include "panes/detail/jsontreetab.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QClipboard>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace DetailFixtureData;

class TestJsonTreeTab : public QObject, private DetailFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(setUpSession()); }
    void init() { newPane(); }
    void invalidJsonTreeIsLenient();
    void activatingAFindingSelectsItsPath();
    void clickingAFindingOpensItsPath();
    void arrowKeysMarkFindingsKeepingTheFocus();
    void ctrlCCopiesTheSelectedValue();
};

void TestJsonTreeTab::invalidJsonTreeIsLenient() {
    m_pane->showCapture(idOf(QStringLiteral("invalid")));
    JsonTreeTab *tree = m_pane->tabs()->json();
    QVERIFY(tree->model()->isLenient());
    QVERIFY(tree->statusText().contains(QStringLiteral("lenient")));
    QVERIFY(tree->model()->indexForPath(QStringLiteral("Events[1].Value.Id")).isValid());
}

void TestJsonTreeTab::activatingAFindingSelectsItsPath() {
    const QString path = QStringLiteral("Entities.ServiceOrders[0].StartUtc");
    m_pane->showCapture(idOf(QStringLiteral("broken")));
    QTableView *findings = m_pane->tabs()->findingsView();
    const int row = findingRow(findings->model(), path);
    QVERIFY(row >= 0);
    QCOMPARE(findings->model()->index(row, 0).data(FindingsModel::FindingSeverityRole).toInt(),
             int(FindingSeverity::Error));
    QVERIFY(!findings->model()->index(row, 0).data(Qt::DecorationRole).isNull());
    m_pane->tabs()->setCurrentWidget(findings);
    QSignalSpy activated(findings, &QAbstractItemView::activated);
    findings->setCurrentIndex(findings->model()->index(row, 0));
    QTest::keyClick(findings->viewport(), Qt::Key_Return);
    if (activated.isEmpty()) // styles differ in which key activates
        Q_EMIT findings->activated(findings->model()->index(row, 0));
    QCOMPARE(m_pane->tabs()->currentWidget(), m_pane->tabs()->json());
    QCOMPARE(m_pane->tabs()->json()->selectedPath(), path);
    QCOMPARE(
        m_pane->tabs()->json()->view()->currentIndex().data(JsonTreeModel::FindingSeverityRole),
        QVariant(int(FindingSeverity::Error)));
}

void TestJsonTreeTab::clickingAFindingOpensItsPath() {
    const QString path = QStringLiteral("Entities.ServiceOrders[0].StartUtc");
    m_pane->showCapture(idOf(QStringLiteral("broken")));
    QTableView *findings = m_pane->tabs()->findingsView();
    m_pane->tabs()->setCurrentWidget(findings);
    const QModelIndex finding =
        findings->model()->index(findingRow(findings->model(), path), FindingsModel::MessageColumn);
    QVERIFY(finding.isValid());
    QTest::mouseClick(findings->viewport(), Qt::LeftButton, {},
                      findings->visualRect(finding).center());
    QCOMPARE(m_pane->tabs()->currentWidget(), m_pane->tabs()->json());
    QCOMPARE(m_pane->tabs()->json()->selectedPath(), path);
}

void TestJsonTreeTab::arrowKeysMarkFindingsKeepingTheFocus() {
    m_pane->showCapture(idOf(QStringLiteral("broken")));
    QTableView *findings = m_pane->tabs()->findingsView();
    QVERIFY(findings->model()->rowCount() >= 2);
    m_pane->tabs()->setCurrentWidget(findings);
    m_pane->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_pane.get()));
    findings->setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(findings->hasFocus(), 5000);
    // Down through the list: each finding with a path marks it in the JSON tree, and the
    // list stays shown and focused for the next key.
    int marked = 0;
    for (int row = 0; row < findings->model()->rowCount(); ++row) {
        QTest::keyClick(findings, row == 0 ? Qt::Key_Home : Qt::Key_Down);
        QCOMPARE(findings->currentIndex().row(), row);
        QCOMPARE(m_pane->tabs()->currentWidget(), findings);
        QVERIFY(findings->hasFocus());
        const QString path = findings->currentIndex().data(FindingsModel::PathRole).toString();
        if (path.isEmpty())
            continue;
        ++marked;
        QCOMPARE(m_pane->tabs()->json()->selectedPath(), path);
    }
    QVERIFY(marked >= 2);
    // Enter opens the marked one.
    const QString last = m_pane->tabs()->json()->selectedPath();
    Q_EMIT findings->activated(findings->currentIndex()); // styles differ in which key
    QCOMPARE(m_pane->tabs()->currentWidget(), m_pane->tabs()->json());
    QCOMPARE(m_pane->tabs()->json()->selectedPath(), last);
}

void TestJsonTreeTab::ctrlCCopiesTheSelectedValue() {
    const QString path = QStringLiteral("Data.Enterprise.Name");
    m_pane->showPath(idOf(QStringLiteral("integration")), path);
    QTreeView *view = m_pane->tabs()->json()->view();
    QCOMPARE(m_pane->tabs()->json()->selectedPath(), path);
    QApplication::clipboard()->clear();
    QTest::keySequence(view, QKeySequence::Copy);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Hotel Aurora Lisboa"));
    m_pane->tabs()->json()->copyPath();
    QCOMPARE(QApplication::clipboard()->text(), path);
    // A secret is copied masked until revealed.
    m_pane->showPath(idOf(QStringLiteral("integration")), QStringLiteral("Data.AccessToken"));
    QTest::keySequence(view, QKeySequence::Copy);
    QVERIFY(QApplication::clipboard()->text().startsWith(QString(8, QChar(0x2022))));
    m_pane->setSecretsRevealed(true);
    QTest::keySequence(view, QKeySequence::Copy);
    QVERIFY(!QApplication::clipboard()->text().contains(QChar(0x2022)));
    QCOMPARE(QApplication::clipboard()->text().size(), 64);

    // The Entity tab copies the selected field's value the same way.
    m_pane->setSecretsRevealed(false);
    m_pane->tabs()->setCurrentWidget(m_pane->tabs()->entity());
    QTreeView *form = m_pane->tabs()->entity()->view();
    const QModelIndex created =
        m_pane->tabs()->entity()->model()->indexForPath(QStringLiteral("Data.CreatedUtc"));
    form->setCurrentIndex(
        qobject_cast<QAbstractProxyModel *>(form->model())->mapFromSource(created));
    QTest::keySequence(form, QKeySequence::Copy);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("2025-03-14T09:26:41Z"));
}

QTEST_MAIN(TestJsonTreeTab)
#include "tst_jsontreetab.moc"
