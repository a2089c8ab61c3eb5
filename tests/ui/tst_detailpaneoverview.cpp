#include "detailfixture.h"

#include "mews/deliveryoutcome.h"
#include "panes/detail/detailpane.h"
#include "panes/detail/headersview.h"
#include "panes/detail/overviewtab.h"
#include "panes/detail/rawtab.h"

#include <QLabel>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

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

/// The detail pane's Overview: what it says of a capture, and of the other deliveries of
/// its body.
class TestDetailPaneOverview : public QObject, private DetailFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(setUpSession()); }
    void init() { newPane(); }
    void overviewDescribesTheCapture();
    void enterpriseNamedLaterIsNamedInPlace();
    void rejectionIsProminent();
    void rebuiltCaptureSaysWhatIsUnknown();
    void unansweredCaptureSaysSo();
    void deliveriesOfOneMessageAreLinked();
    void longRunsOfOneBodyAreShortened();
    void overviewRebuiltInPlaceLaysOutAgain();
};

void TestDetailPaneOverview::overviewDescribesTheCapture() {
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
        // A General webhook sends ids only; the session's Integration webhooks named them.
        QStringLiteral("Enterprise: Hotel Aurora Lisboa  (3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15)  "
                       "\u00b7 named by an Integration webhook in this session"),
    };
    for (const QString &line : expected)
        QVERIFY2(text.contains(line), qPrintable(line + QStringLiteral("\n---\n") + text));
    QVERIFY(!text.contains(QStringLiteral("s3cret")));
    QVERIFY(m_pane->tabs()->overview()->rejectionText().isEmpty());
    QCOMPARE(m_pane->tabs()->headers()->model()->rowCount(), 3);
    QCOMPARE(m_pane->tabs()->tabText(DetailTabs::HeadersPage), QStringLiteral("Headers (3)"));

    // An Integration webhook names its enterprise itself.
    m_pane->showCapture(idOf(QStringLiteral("integration")));
    const QString own = m_pane->tabs()->overview()->text();
    QVERIFY2(own.contains(QStringLiteral(
                 "Enterprise: Hotel Aurora Lisboa  (3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15)\n")),
             qPrintable(own));
}

void TestDetailPaneOverview::enterpriseNamedLaterIsNamedInPlace() {
    // A General webhook of an enterprise the session has no name for yet.
    const QByteArray known = "3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15";
    const QByteArray other = "5e1d0a77-2c4b-4a8e-b6f3-0d9c8e7a6b51";
    Capture general = webhook(sample("general-ServiceOrderUpdated.json").replace(known, other), 70);
    general.id = m_store.row(m_store.size() - 1).id + 1;
    m_store.append({analysed(general)});
    m_pane->showCapture(general.id);
    const QString bare = m_pane->tabs()->overview()->text();
    QVERIFY2(bare.contains(QStringLiteral("Enterprise: ") + QLatin1String(other) + u'\n'),
             qPrintable(bare));

    // Something else arriving changes nothing shown.
    Capture unrelated = webhook(sample("general-ResourceUpdated.json")
                                    .replace(known, "9a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"),
                                71);
    unrelated.id = general.id + 1;
    m_store.append({analysed(unrelated)});
    QCOMPARE(m_pane->tabs()->overview()->text(), bare);

    // An Integration webhook names that enterprise: the Overview shown says so at once.
    Capture integration = webhook(sample("integration-IntegrationCreated.json")
                                      .replace(known, other)
                                      .replace("Hotel Aurora Lisboa", "Hotel Boreal Porto"),
                                  72);
    integration.id = unrelated.id + 1;
    m_store.append({analysed(integration)});
    const QString named = m_pane->tabs()->overview()->text();
    QVERIFY2(named.contains(QStringLiteral("Enterprise: Hotel Boreal Porto  (") +
                            QLatin1String(other) +
                            QStringLiteral(")  \u00b7 named by an Integration webhook in this "
                                           "session")),
             qPrintable(named));
    QCOMPARE(m_pane->captureId(), general.id);
}

void TestDetailPaneOverview::rejectionIsProminent() {
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

void TestDetailPaneOverview::rebuiltCaptureSaysWhatIsUnknown() {
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
void TestDetailPaneOverview::unansweredCaptureSaysSo() {
    m_pane->showCapture(idOf(QStringLiteral("cut")));
    const QString text = m_pane->tabs()->overview()->text();
    for (const QString &row :
         QStringList{QStringLiteral("Status: no response was sent"),
                     QStringLiteral("For Mews: ") + DeliveryOutcome::of(0, -1).text})
        QVERIFY2(text.contains(row), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("Response sent")), qPrintable(text));
}

void TestDetailPaneOverview::deliveriesOfOneMessageAreLinked() {
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

void TestDetailPaneOverview::longRunsOfOneBodyAreShortened() {
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

void TestDetailPaneOverview::overviewRebuiltInPlaceLaysOutAgain() {
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

QTEST_MAIN(TestDetailPaneOverview)
#include "tst_detailpaneoverview.moc"
