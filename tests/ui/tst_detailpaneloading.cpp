#include "detailfixture.h"

#include "panes/detail/codeeditor.h"
#include "panes/detail/detailpane.h"
#include "panes/detail/entitytab.h"
#include "panes/detail/findingsview.h"
#include "panes/detail/jsontreetab.h"
#include "panes/detail/overviewtab.h"
#include "panes/detail/rawtab.h"

#include <QApplication>
#include <QClipboard>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace DetailFixtureData;

/// The detail pane while a capture is read off the GUI thread (bodies over
/// DetailLoader::SyncLoadLimit).
class TestDetailPaneLoading : public QObject, private DetailFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(setUpSession()); }
    void init() { newPane(); }
    void bigBodyLoadsOffTheGuiThread();
    void compressedBodyIsReadDecompressed();
    void newerSelectionSupersedesAnOlderLoad();
    void copyAsCurlWhileReadingCopiesTheCaptureBeingRead();
};

void TestDetailPaneLoading::bigBodyLoadsOffTheGuiThread() {
    const qint64 big = idOf(QStringLiteral("big"));
    QSignalSpy loaded(m_pane.get(), &DetailPane::loaded);
    m_pane->showPath(big, QStringLiteral("Entities.ServiceOrders[1000].StartUtc"));
    QVERIFY(m_pane->isLoading());
    QVERIFY(m_pane->tabs()->raw()->noticeText().startsWith(QStringLiteral("Reading capture")));
    QVERIFY(m_pane->tabs()->overview()->text().startsWith(
        QStringLiteral("Reading capture #%1").arg(big)));
    QVERIFY(loaded.wait(30000));
    QCOMPARE(loaded.first().first().toLongLong(), big);
    QVERIFY(!m_pane->isLoading());
    QCOMPARE(m_pane->tabs()->currentWidget(), m_pane->tabs()->json());
    QCOMPARE(m_pane->tabs()->json()->selectedPath(),
             QStringLiteral("Entities.ServiceOrders[1000].StartUtc"));
    QVERIFY(!m_pane->tabs()->raw()->editor()->toPlainText().isEmpty());
    QVERIFY(m_pane->tabs()->overview()->text().contains(QStringLiteral("Kind: General webhook")));
    QVERIFY(m_pane->tabs()->findingsView()->model()->rowCount() > 0);
}

void TestDetailPaneLoading::compressedBodyIsReadDecompressed() {
    const qint64 id = idOf(QStringLiteral("gzip"));
    QSignalSpy loaded(m_pane.get(), &DetailPane::loaded);
    m_pane->showCapture(id);
    QVERIFY(loaded.wait(30000)); // decoded on a worker: it may be many times its size
    const QString overview = m_pane->tabs()->overview()->text();
    QVERIFY2(overview.contains(QStringLiteral("Kind: General webhook")), qPrintable(overview));
    QVERIFY2(overview.contains(QRegularExpression(
                 QStringLiteral("Body: \\d+ B · application/json; charset=utf-8 · "
                                "Content-Encoding: gzip"))),
             qPrintable(overview));
    // The JSON tree and the Raw tab hold the JSON, not the compressed bytes.
    QVERIFY(m_pane->tabs()->json()->selectPath(QStringLiteral("Events[0].Discriminator")));
    const QString raw = m_pane->tabs()->raw()->editor()->toPlainText();
    QVERIFY2(raw.contains(QStringLiteral("\"CustomerAdded\"")), qPrintable(raw.left(400)));
    QVERIFY2(m_pane->tabs()->raw()->noticeText().contains(QStringLiteral("shown decompressed")),
             qPrintable(m_pane->tabs()->raw()->noticeText()));
}

void TestDetailPaneLoading::newerSelectionSupersedesAnOlderLoad() {
    const qint64 big = idOf(QStringLiteral("big"));
    const qint64 big2 = idOf(QStringLiteral("big2"));
    const qint64 small = idOf(QStringLiteral("orders"));
    QSignalSpy loaded(m_pane.get(), &DetailPane::loaded);
    m_pane->showCapture(big);
    QVERIFY(m_pane->isLoading());
    m_pane->showCapture(small); // small bodies load at once
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.last().first().toLongLong(), small);
    QVERIFY(!m_pane->isLoading());
    // The load of `big` still runs; the one of big2 waits for it, and only big2 is applied.
    m_pane->showEntity(big2, 3);
    QVERIFY(m_pane->isLoading());
    QVERIFY(loaded.wait(30000));
    QCOMPARE(loaded.size(), 2);
    QCOMPARE(loaded.last().first().toLongLong(), big2);
    QCOMPARE(m_pane->captureId(), big2);
    QCOMPARE(m_pane->tabs()->entity()->form().entityIndex, 3);
    const QString firstId = m_pane->tabs()
                                ->json()
                                ->model()
                                ->indexForPath(QStringLiteral("Entities.ServiceOrders[0].Id"))
                                .siblingAtColumn(JsonTreeModel::ValueColumn)
                                .data()
                                .toString();
    QVERIFY2(firstId.startsWith(QStringLiteral("0000000b-")), qPrintable(firstId));
    QVERIFY(m_pane->tabs()->raw()->editor()->toPlainText().contains(QStringLiteral("0000000b-")));
}

// Ctrl+Shift+C right after selecting a big capture copied the one shown before it.
void TestDetailPaneLoading::copyAsCurlWhileReadingCopiesTheCaptureBeingRead() {
    const qint64 small = idOf(QStringLiteral("orders"));
    const qint64 big = idOf(QStringLiteral("big"));
    m_pane->showCapture(small);
    QVERIFY(!m_pane->isLoading());
    QApplication::clipboard()->setText(QStringLiteral("before"));
    QSignalSpy said(m_pane.get(), &DetailPane::message);
    QSignalSpy loaded(m_pane.get(), &DetailPane::loaded);
    m_pane->showCapture(big);
    QVERIFY(m_pane->isLoading());
    QVERIFY(m_pane->curlCommand().isEmpty()); // not the previous capture's
    QVERIFY(m_pane->copyCurl());
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("before"));
    QVERIFY(loaded.wait(30000));
    const QString copied = QApplication::clipboard()->text();
    QVERIFY2(copied.contains(QStringLiteral("0000000a-")), qPrintable(copied.left(300)));
    QCOMPARE(copied, m_pane->curlCommand());
    QCOMPARE(said.size(), 1);

    // Another selection before the read ends drops the copy asked for the first one.
    m_pane->showCapture(idOf(QStringLiteral("big2")));
    QVERIFY(m_pane->isLoading());
    QVERIFY(m_pane->copyCurl());
    m_pane->showCapture(small);
    QVERIFY(!m_pane->isLoading());
    QCOMPARE(QApplication::clipboard()->text(), copied);
    QCOMPARE(said.size(), 1);
}

QTEST_MAIN(TestDetailPaneLoading)
#include "tst_detailpaneloading.moc"
