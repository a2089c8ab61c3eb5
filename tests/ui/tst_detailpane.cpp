#include "detailfixture.h"

#include "models/headersmodel.h"
#include "panes/detail/codeeditor.h"
#include "panes/detail/detailheader.h"
#include "panes/detail/detailpane.h"
#include "panes/detail/entitytab.h"
#include "panes/detail/findingsview.h"
#include "panes/detail/headersview.h"
#include "panes/detail/jsontreetab.h"
#include "panes/detail/overviewtab.h"
#include "panes/detail/rawtab.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeView>

using namespace DetailFixtureData;

class TestDetailPane : public QObject, private DetailFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(setUpSession()); }
    void init() { newPane(); }
    void startsEmpty();
    void keepsTheTabTheUserChose();
    void revealTogglesMaskingEverywhere();
    void invalidJsonRawViewMarksTheErrorPosition();
    void payloadHtmlShowsLiterally();
    void copyAsCurl();
    void copyAsCurlWarnsOfADecompressedImportedBody();
    void unknownCaptureSaysSo();
    void screenshots();
};

void TestDetailPane::startsEmpty() {
    QVERIFY(!m_pane->emptyText().isEmpty());
    QCOMPARE(m_pane->captureId(), 0);
    QVERIFY(m_pane->curlCommand().isEmpty());
    m_pane->showCapture(idOf(QStringLiteral("orders")));
    QVERIFY(m_pane->emptyText().isEmpty());
    m_pane->clear();
    QVERIFY(!m_pane->emptyText().isEmpty());
    QCOMPARE(m_pane->captureId(), 0);
}

void TestDetailPane::keepsTheTabTheUserChose() {
    m_pane->showCapture(idOf(QStringLiteral("orders")));
    QTabBar *bar = m_pane->tabs()->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(DetailTabs::RawPage).center());
    QCOMPARE(m_pane->tabs()->currentIndex(), int(DetailTabs::RawPage));
    m_pane->showCapture(idOf(QStringLiteral("mixed")));
    QCOMPARE(m_pane->captureId(), idOf(QStringLiteral("mixed")));
    QCOMPARE(m_pane->tabs()->currentIndex(), int(DetailTabs::RawPage));
    m_pane->showEvent(idOf(QStringLiteral("mixed")), 1); // an explicit request wins once
    QCOMPARE(m_pane->tabs()->currentIndex(), int(DetailTabs::EntityPage));
    m_pane->showCapture(idOf(QStringLiteral("orders")));
    QCOMPARE(m_pane->tabs()->currentIndex(), int(DetailTabs::RawPage));
}

void TestDetailPane::revealTogglesMaskingEverywhere() {
    m_pane->showCapture(idOf(QStringLiteral("integration")));
    const QString secret =
        JsonPath::resolve(
            QJsonDocument::fromJson(sample("integration-IntegrationCreated.json")).object(),
            u"Data.AccessToken")
            .toString();
    const auto everywhere = [&] {
        return QStringList{m_pane->tabs()->raw()->editor()->toPlainText(),
                           m_pane->tabs()
                               ->json()
                               ->model()
                               ->indexForPath(QStringLiteral("Data.AccessToken"))
                               .siblingAtColumn(1)
                               .data()
                               .toString(),
                           m_pane->tabs()
                               ->entity()
                               ->model()
                               ->indexForPath(QStringLiteral("Data.AccessToken"))
                               .siblingAtColumn(1)
                               .data()
                               .toString(),
                           m_pane->tabs()->overview()->text(), m_pane->curlCommand()};
    };
    const QStringList masked = everywhere();
    QVERIFY(!masked.join(u'\n').contains(secret));
    QVERIFY(!masked.join(u'\n').contains(QStringLiteral("s3cret-TOKEN")));
    QVERIFY(!m_pane->secretsRevealed());

    QSignalSpy changed(m_pane.get(), &DetailPane::secretsRevealedChanged);
    m_pane->header()->revealButton()->click();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().toBool(), true);
    QVERIFY(m_pane->secretsRevealed());
    const QStringList revealed = everywhere();
    for (int i = 0; i < 3; ++i)
        QVERIFY2(revealed.at(i).contains(secret), qPrintable(QString::number(i)));
    QVERIFY(revealed.at(3).contains(QStringLiteral("Token=s3cret-TOKEN-9f2c")));
    QVERIFY(revealed.at(4).contains(QStringLiteral("s3cret-TOKEN-9f2c")));

    m_pane->setSecretsRevealed(false);
    QCOMPARE(changed.size(), 2);
    QVERIFY(!m_pane->header()->revealButton()->isChecked());
    QVERIFY(!everywhere().join(u'\n').contains(secret));
}

void TestDetailPane::invalidJsonRawViewMarksTheErrorPosition() {
    const QByteArray body =
        TestSupport::readData(QStringLiteral("malformed/trailing-comma-in-events.txt"));
    const MewsAnalysis analysis = decode(body);
    QVERIFY(analysis.jsonError.isValid());
    m_pane->showCapture(idOf(QStringLiteral("invalid")));
    RawTab *raw = m_pane->tabs()->raw();
    QVERIFY2(raw->errorText().contains(QStringLiteral("line %1, column %2")
                                           .arg(analysis.jsonError.line)
                                           .arg(analysis.jsonError.column)),
             qPrintable(raw->errorText()));
    CodeEditor *editor = raw->editor();
    const QString text = editor->toPlainText();
    const qsizetype bodyStart = text.indexOf(QLatin1Char('{'));
    QVERIFY(bodyStart > 0);
    // The cursor is at the error: the same place in the body's own text.
    const int expected =
        int(bodyStart + QString::fromUtf8(body.first(analysis.jsonError.offset)).size());
    QCOMPARE(editor->textCursor().position(), expected);
    QCOMPARE(editor->textCursor().blockNumber() - editor->firstNumberedLine() + 1,
             analysis.jsonError.line);
    QCOMPARE(editor->markedLine(), editor->textCursor().blockNumber());
    const QList<QTextEdit::ExtraSelection> marks = editor->extraSelections();
    QVERIFY(!marks.isEmpty());
    QCOMPARE(marks.last().format.underlineStyle(), QTextCharFormat::WaveUnderline);
    // Pretty printing is for valid JSON only.
    QVERIFY(!raw->findChildren<QToolButton *>().isEmpty());
    for (QToolButton *button : raw->findChildren<QToolButton *>())
        QVERIFY(!button->isEnabled());
}

void TestDetailPane::payloadHtmlShowsLiterally() {
    m_pane->showEvent(idOf(QStringLiteral("html")), 0);
    EntityFormModel *form = m_pane->tabs()->entity()->model();
    const QModelIndex text = form->indexForPath(QStringLiteral("Entities.Messages[0].Text"));
    QVERIFY(text.isValid());
    QCOMPARE(text.siblingAtColumn(1).data().toString(), Html);
    QCOMPARE(m_pane->tabs()
                 ->json()
                 ->model()
                 ->indexForPath(QStringLiteral("Entities.Messages[0].Text"))
                 .siblingAtColumn(1)
                 .data()
                 .toString(),
             Html);
    QVERIFY(m_pane->tabs()->raw()->editor()->toPlainText().contains(Html));
    // Tooltips quote payload too: what the views show is escaped, never markup.
    QTreeView *view = m_pane->tabs()->entity()->view();
    const QModelIndex created =
        qobject_cast<QAbstractProxyModel *>(view->model())
            ->mapFromSource(form->indexForPath(QStringLiteral("Entities.Messages[0].CreatedUtc")));
    const QString tip = created.data(Qt::ToolTipRole).toString();
    QVERIFY(!tip.contains(QStringLiteral("<b>soon")));
    QTextDocument rendered;
    rendered.setHtml(tip);
    QVERIFY2(rendered.toPlainText().contains(QStringLiteral("got \"<b>soon</b>\"")),
             qPrintable(rendered.toPlainText()));
    const QModelIndex header =
        m_pane->tabs()->headers()->model()->index(0, HeadersModel::ValueColumn);
    QTextDocument headerTip;
    headerTip.setHtml(header.data(Qt::ToolTipRole).toString());
    QCOMPARE(headerTip.toPlainText(), header.data().toString());
    // No label of the pane interprets markup.
    for (int page = 0; page < m_pane->tabs()->count(); ++page) {
        m_pane->tabs()->setCurrentIndex(page);
        for (QLabel *label : m_pane->findChildren<QLabel *>()) {
            if (!label->text().isEmpty())
                QVERIFY2(label->textFormat() == Qt::PlainText || !label->text().contains(u'<'),
                         qPrintable(label->text()));
        }
    }
}

void TestDetailPane::copyAsCurl() {
    QVERIFY(!m_pane->copyCurl()); // nothing shown
    m_pane->showCapture(idOf(QStringLiteral("orders")));
    QString command = m_pane->curlCommand();
    QVERIFY(command.startsWith(QStringLiteral("curl ")) ||
            command.contains(QStringLiteral("curl ")));
    QVERIFY(command.contains(QStringLiteral("http://127.0.0.1:8089")));
    QVERIFY(!command.contains(QStringLiteral("s3cret")));
    // The button says what it did, as the window's action does: through message().
    QSignalSpy said(m_pane.get(), &DetailPane::message);
    m_pane->header()->curlButton()->click();
    QCOMPARE(QApplication::clipboard()->text(), command);
    QCOMPARE(said.size(), 1);
    QVERIFY2(said.takeFirst().first().toString().startsWith(
                 QLatin1String("Copied a curl command (secrets masked")),
             qPrintable(command));
    m_pane->setListenerUrl(QStringLiteral("http://127.0.0.1:9999"));
    m_pane->setSecretsRevealed(true);
    command = m_pane->curlCommand();
    QVERIFY(command.contains(QStringLiteral("http://127.0.0.1:9999")));
    QVERIFY(command.contains(QStringLiteral("s3cret-TOKEN-9f2c")));
    QVERIFY(m_pane->copyCurl());
    QCOMPARE(QApplication::clipboard()->text(), command);
    QCOMPARE(said.size(), 1);
    QCOMPARE(said.takeFirst().first().toString(), QStringLiteral("Copied a curl command"));
}

// mitmproxy's HAR holds the body decompressed, and the command sends it as "gzip".
void TestDetailPane::copyAsCurlWarnsOfADecompressedImportedBody() {
    QSignalSpy loaded(m_pane.get(), &DetailPane::loaded);
    m_pane->showCapture(idOf(QStringLiteral("har-gzip")));
    QVERIFY(loaded.wait(30000)); // a body that names a coding is read on a worker
    QSignalSpy said(m_pane.get(), &DetailPane::message);
    m_pane->header()->curlButton()->click();
    QVERIFY(QApplication::clipboard()->text().contains(QLatin1String("Content-Encoding: gzip")));
    QCOMPARE(said.size(), 1);
    const QString text = said.first().first().toString();
    QVERIFY2(text.startsWith(QLatin1String("Copied a curl command (secrets masked")),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Content-Encoding field still says gzip")),
             qPrintable(text));
}

void TestDetailPane::unknownCaptureSaysSo() {
    m_pane->showCapture(idOf(QStringLiteral("orders")));
    m_pane->showCapture(987654);
    QVERIFY(m_pane->emptyText().contains(QStringLiteral("987654")));
    QCOMPARE(m_pane->captureId(), 0);
}

void TestDetailPane::screenshots() {
    const QString folder = qEnvironmentVariable("MWI_SCREENSHOT_DIR");
    if (folder.isEmpty())
        QSKIP("set MWI_SCREENSHOT_DIR to write screenshots");
    QDir().mkpath(folder);
    const auto save = [&](const QString &name) {
        QApplication::processEvents(); // the laid-out pane, as a user sees it
        QVERIFY(m_pane->grab().save(QDir(folder).filePath(name)));
    };
    m_pane->showEvent(idOf(QStringLiteral("mixed")), 2);
    save(QStringLiteral("detail-entity-general.png"));
    m_pane->showEvent(idOf(QStringLiteral("current")), 0);
    save(QStringLiteral("detail-entity-current.png"));
    m_pane->showEvent(idOf(QStringLiteral("broken")), 0);
    save(QStringLiteral("detail-entity-broken.png"));
    m_pane->showCapture(idOf(QStringLiteral("integration")));
    m_pane->tabs()->setCurrentIndex(DetailTabs::EntityPage);
    save(QStringLiteral("detail-entity-integration.png"));
    m_pane->tabs()->setCurrentIndex(DetailTabs::OverviewPage);
    save(QStringLiteral("detail-overview.png"));
    m_pane->showCapture(idOf(QStringLiteral("invalid")));
    m_pane->tabs()->setCurrentIndex(DetailTabs::RawPage);
    save(QStringLiteral("detail-raw-invalid.png"));
    m_pane->tabs()->setCurrentIndex(DetailTabs::JsonPage);
    m_pane->tabs()->json()->expandAll();
    save(QStringLiteral("detail-tree-invalid.png"));
    m_pane->showCapture(idOf(QStringLiteral("broken")));
    m_pane->tabs()->setCurrentIndex(DetailTabs::FindingsPage);
    save(QStringLiteral("detail-findings.png"));
    m_pane->showPath(idOf(QStringLiteral("broken")),
                     QStringLiteral("Entities.ServiceOrders[0].StartUtc"));
    save(QStringLiteral("detail-tree-finding.png"));
    m_pane->showCapture(idOf(QStringLiteral("rejected")));
    m_pane->tabs()->setCurrentIndex(DetailTabs::OverviewPage);
    save(QStringLiteral("detail-rejected.png"));
    m_pane->showCapture(idOf(QStringLiteral("mixed")));
    m_pane->tabs()->setCurrentIndex(DetailTabs::RawPage);
    save(QStringLiteral("detail-raw-pretty.png"));
    m_pane->showCapture(idOf(QStringLiteral("try 3")));
    m_pane->tabs()->setCurrentIndex(DetailTabs::OverviewPage);
    save(QStringLiteral("detail-deliveries.png"));

    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    dark.setColor(QPalette::Link, QColor(0x6a, 0xb0, 0xff));
    m_pane->setPalette(dark);
    m_pane->showCapture(idOf(QStringLiteral("invalid")));
    m_pane->tabs()->setCurrentIndex(DetailTabs::RawPage);
    save(QStringLiteral("detail-raw-invalid-dark.png"));
    m_pane->showEvent(idOf(QStringLiteral("broken")), 0);
    save(QStringLiteral("detail-entity-broken-dark.png"));
}

QTEST_MAIN(TestDetailPane)
#include "tst_detailpane.moc"
