#include "detailfixture.h"

#include "mews/deliveryoutcome.h"
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
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeView>

using namespace DetailFixtureData;

namespace {

/// The texts of the Overview's wrapped labels that got less height than they need.
QString clippedLabels(const QWidget *overview) {
    QStringList clipped;
    for (QLabel *label : overview->findChildren<QLabel *>()) {
        if (label->isVisible() && label->wordWrap() && !label->text().isEmpty() &&
            label->height() < label->heightForWidth(label->width())) {
            clipped.append(label->text().left(40));
        }
    }
    return clipped.join(u'|');
}

} // namespace

class TestDetailPane : public QObject, private DetailFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(setUpSession()); }
    void init() { newPane(); }
    void startsEmpty();
    void overviewDescribesTheCapture();
    void keepsTheTabTheUserChose();
    void rejectionIsProminent();
    void rebuiltCaptureSaysWhatIsUnknown();
    void unansweredCaptureSaysSo();
    void revealTogglesMaskingEverywhere();
    void invalidJsonRawViewMarksTheErrorPosition();
    void payloadHtmlShowsLiterally();
    void copyAsCurl();
    void copyAsCurlWarnsOfADecompressedImportedBody();
    void unknownCaptureSaysSo();
    void deliveriesOfOneMessageAreLinked();
    void longRunsOfOneBodyAreShortened();
    void overviewRebuiltInPlaceLaysOutAgain();
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

void TestDetailPane::overviewDescribesTheCapture() {
    const qint64 id = idOf(QStringLiteral("orders"));
    m_pane->showCapture(id);
    QCOMPARE(m_pane->tabs()->currentIndex(), int(DetailTabs::OverviewPage));
    const QString text = m_pane->tabs()->overview()->text();
    const QStringList expected{
        QStringLiteral("Kind: General webhook"),
        QStringLiteral("Method: POST"),
        QStringLiteral("Target: /webhook?Token=") + QString(8, QChar(0x2022)) +
            QStringLiteral("9f2c"),
        QStringLiteral("HTTP version: HTTP/1.1"),
        QStringLiteral("Remote: 127.0.0.1:%1").arg(40000 + 1),
        QStringLiteral("Local port: 8089"),
        QStringLiteral("Connection: #1, request 1 on it"),
        QStringLiteral("Status: 200 OK"),
        QStringLiteral("For Mews: Delivered: Mews takes any 2xx answer within 5 s as success."),
        QStringLiteral("Capture: #%1").arg(id),
        QStringLiteral("First byte: 2025-03-14T09:26:42.000Z"),
        QStringLiteral("Summary: ") +
            analysed(webhook(sample("general-ServiceOrderUpdated.json"), 1)).analysis.summary(),
    };
    for (const QString &line : expected)
        QVERIFY2(text.contains(line), qPrintable(line + QStringLiteral("\n---\n") + text));
    QVERIFY(!text.contains(QStringLiteral("s3cret")));
    QVERIFY(m_pane->tabs()->overview()->rejectionText().isEmpty());
    QCOMPARE(m_pane->tabs()->headers()->model()->rowCount(), 3);
    QCOMPARE(m_pane->tabs()->tabText(DetailTabs::HeadersPage), QStringLiteral("Headers (3)"));
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

void TestDetailPane::rejectionIsProminent() {
    m_pane->showCapture(idOf(QStringLiteral("rejected")));
    QCOMPARE(m_pane->tabs()->overview()->rejectionText(),
             QStringLiteral("Rejected: 401: the Token query parameter does not match"));
    QVERIFY(
        m_pane->tabs()->overview()->text().contains(QStringLiteral("Status: 401 Unauthorized")));
    QVERIFY(m_pane->tabs()->overview()->text().contains(
        QStringLiteral("For Mews: A failed delivery (401): Mews sends the message again")));
    QVERIFY(m_pane->tabs()->overview()->text().contains(QStringLiteral("Method: GET")));
    QVERIFY(m_pane->tabs()->raw()->noticeText().contains(QStringLiteral("no body")));
}

void TestDetailPane::rebuiltCaptureSaysWhatIsUnknown() {
    m_pane->showCapture(idOf(QStringLiteral("rebuilt")));
    const QString text = m_pane->tabs()->overview()->text();
    for (const char *row : {"Remote: unknown (a salvage", "Status: unknown (a salvage",
                            "Headers: Content-Type: text/plain", "Body: OK"})
        QVERIFY2(text.contains(QLatin1String(row)), row);
    QVERIFY2(!text.contains(QStringLiteral("no response was sent")) &&
                 !text.contains(QStringLiteral("For Mews")),
             qPrintable(text));
    // A capture that was never answered still says so.
    m_pane->showCapture(idOf(QStringLiteral("orders")));
    QVERIFY(!m_pane->tabs()->overview()->text().contains(QStringLiteral("unknown (a salvage")));
    // One imported from another tool's HAR file was not rebuilt: it lacks what HAR lacks.
    m_pane->showCapture(idOf(QStringLiteral("har-failed")));
    const QString har = m_pane->tabs()->overview()->text();
    QVERIFY2(!har.contains(QStringLiteral("salvage")), qPrintable(har));
    for (const char *row : {"Remote: not recorded in the HAR file",
                            "Status: no response recorded in the HAR file", "imported from a HAR"})
        QVERIFY2(har.contains(QLatin1String(row)), row);
    QVERIFY2(!har.contains(QLatin1String("request 0")), qPrintable(har));
    QVERIFY2(har.contains(QRegularExpression(QStringLiteral("Connection: #\\d+\n"))),
             qPrintable(har));
    // HAR's status 0 is no response on record: neither a time it was sent, nor what Mews made
    // of it.
    for (const char *row : {"Response sent", "For Mews", "Status: 0", "no answer,"})
        QVERIFY2(!har.contains(QLatin1String(row)), qPrintable(har));
    QVERIFY2(har.contains(QLatin1String("first, no answer on record (this one)")), qPrintable(har));
    m_pane->showCapture(idOf(QStringLiteral("after-har")));
    const QString after = m_pane->tabs()->overview()->text();
    QVERIFY2(after.contains(QLatin1String("has no answer on record, so whether Mews counted")),
             qPrintable(after));
}

// A request its client cut short was never answered; to Mews that is a failed delivery.
void TestDetailPane::unansweredCaptureSaysSo() {
    m_pane->showCapture(idOf(QStringLiteral("cut")));
    const QString text = m_pane->tabs()->overview()->text();
    for (const QString &row :
         QStringList{QStringLiteral("Status: no response was sent"),
                     QStringLiteral("For Mews: ") + DeliveryOutcome::of(0, -1).text})
        QVERIFY2(text.contains(row), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("Response sent")), qPrintable(text));
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

void TestDetailPane::deliveriesOfOneMessageAreLinked() {
    const qint64 first = idOf(QStringLiteral("try 1"));
    const qint64 second = idOf(QStringLiteral("try 2"));
    const qint64 third = idOf(QStringLiteral("try 3"));
    m_pane->showCapture(second);
    QString text = m_pane->tabs()->overview()->text();
    const QString list = QStringLiteral("Of this body: 3 captures carry these bytes: #%1 first, "
                                        "answered 500; #%2 5 min later, answered 200 "
                                        "(this one); #%3 10 min later, answered 200")
                             .arg(first)
                             .arg(second)
                             .arg(third);
    QVERIFY2(text.contains(list), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Meaning: Sent again 5 min after "
                                          "#%1, which was answered 500: a failed delivery")
                               .arg(first)),
             qPrintable(text));

    // The 200 before the last one came after 6 s, which Mews counts as a failure: the
    // pane reads that delivery to tell.
    m_pane->showCapture(third);
    text = m_pane->tabs()->overview()->text();
    QVERIFY2(text.contains(QStringLiteral("#%1, which was answered 200 after 6 s, too late for "
                                          "Mews: a failed delivery")
                               .arg(second)),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("This, its 3rd delivery, was answered 200: delivered.")),
             qPrintable(text));

    // The other deliveries are links that select them.
    QLabel *links = nullptr;
    for (QLabel *label : m_pane->tabs()->overview()->findChildren<QLabel *>()) {
        if (label->text().contains(QStringLiteral("capture:%1").arg(first)))
            links = label;
    }
    QVERIFY(links);
    QVERIFY(!links->text().contains(QStringLiteral("capture:%1").arg(third))); // itself: no link
    QSignalSpy requested(m_pane.get(), &DetailPane::captureRequested);
    Q_EMIT links->linkActivated(QStringLiteral("capture:%1").arg(first));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toLongLong(), first);

    // Another delivery arriving live joins the list of the message shown, laid out as a
    // selection would be (narrow enough for the texts to wrap).
    m_pane->resize(560, 800);
    QTRY_COMPARE_WITH_TIMEOUT(clippedLabels(m_pane->tabs()->overview()), QString(), 2000);
    Capture fourth = webhook(sample("general-MessageAdded.json"), 99);
    fourth.id = m_store.row(m_store.size() - 1).id + 1;
    fourth.firstByteUtcMs = m_store.row(m_store.positionOf(third)).receivedUtcMs + 60000;
    m_store.append({analysed(fourth)});
    // Not at once: at most every DeliveryWatch::RefreshMs, however many arrive.
    QVERIFY(
        m_pane->tabs()->overview()->text().contains(QStringLiteral("Of this body: 3 captures")));
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->tabs()->overview()->text().contains(
                                 QStringLiteral("Of this body: 4 captures carry these bytes: ")),
                             5000);
    QTRY_COMPARE_WITH_TIMEOUT(clippedLabels(m_pane->tabs()->overview()), QString(), 2000);
    text = m_pane->tabs()->overview()->text();
    QVERIFY2(text.contains(QStringLiteral("#%1 11 min later").arg(fourth.id)), qPrintable(text));

    // A body no other capture has says so.
    m_pane->showCapture(idOf(QStringLiteral("resource")));
    QVERIFY(m_pane->tabs()->overview()->text().contains(
        QStringLiteral("Of this body: only this one: no other capture has these bytes")));
}

void TestDetailPane::longRunsOfOneBodyAreShortened() {
    // A load test sends one body over and over: the list names the first deliveries and
    // the shown one, and counts the rest.
    const QByteArray body = QByteArrayLiteral(R"({"Action":"ServiceOrderUpdated","Data":{}})");
    const qint64 firstId = m_store.row(m_store.size() - 1).id + 1;
    QList<AnalysedCapture> run;
    for (int i = 0; i < 30; ++i) {
        Capture c = webhook(body, 200 + i);
        c.id = firstId + i;
        run.append(analysed(c));
    }
    m_store.append(run);
    m_pane->showCapture(firstId + 19);
    const QString text = m_pane->tabs()->overview()->text();
    QVERIFY2(
        text.contains(
            QStringLiteral("Of this body: 30 captures carry these bytes: #%1 first").arg(firstId)),
        qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("#%1 11 s later, answered 200; … 7 more; #%2 19 s later, "
                                          "answered 200 (this one); … 10 more")
                               .arg(firstId + 11)
                               .arg(firstId + 19)),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Sent again 1 s after #%1").arg(firstId + 18)),
             qPrintable(text));
}

void TestDetailPane::overviewRebuiltInPlaceLaysOutAgain() {
    // Every wrapped text gets the height it needs, also when the Overview is built again
    // while shown (secrets revealed, another delivery arrived), not only on selection.
    const auto clipped = [this] {
        return clippedLabels(m_pane->tabs()->overview());
    };
    m_pane->resize(520, 700); // narrow: the Meaning and Summary lines wrap
    m_pane->showCapture(idOf(QStringLiteral("try 3")));
    QTRY_COMPARE_WITH_TIMEOUT(clipped(), QString(), 2000);
    m_pane->setSecretsRevealed(true);
    QTRY_COMPARE_WITH_TIMEOUT(clipped(), QString(), 2000);
    m_pane->setSecretsRevealed(false);
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
