#include "scratchhome.h"
#include "windowfixture.h"

#include "panes/captures/capturetableview.h"
#include "panes/detail/detailheader.h"
#include "panes/detail/detailpane.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

namespace {

QToolButton *button(const DetailHeader &header, const QString &text) {
    for (QToolButton *found : header.findChildren<QToolButton *>()) {
        if (found->text() == text)
            return found;
    }
    return nullptr;
}

} // namespace

class TestDetailHeader : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { tearDown(); }
    void revealIsToldOnlyWhenPressed();
    void captureActionsCanBeDisabled();
    void titleIsPlainText();
    void titleFitsWhatIsLeft();
    void titleFitsAScaledWindow();
    void windowFitsA1024PxScreenWhenScaled();
};

void TestDetailHeader::revealIsToldOnlyWhenPressed() {
    DetailHeader header;
    QSignalSpy toggled(&header, &DetailHeader::revealToggled);
    QToolButton *reveal = header.revealButton();
    QCOMPARE(reveal->text(), QStringLiteral("Reveal secrets"));
    reveal->click();
    QCOMPARE(toggled.size(), 1);
    QCOMPARE(toggled.at(0).at(0).toBool(), true);

    // The pane answers with the state it took; that is shown, not told back.
    header.setRevealed(true);
    QVERIFY(reveal->isChecked());
    QCOMPARE(reveal->text(), QStringLiteral("Secrets revealed"));
    header.setRevealed(false);
    QVERIFY(!reveal->isChecked());
    QCOMPARE(reveal->text(), QStringLiteral("Reveal secrets"));
    QCOMPARE(toggled.size(), 1);
}

void TestDetailHeader::captureActionsCanBeDisabled() {
    DetailHeader header;
    QSignalSpy requested(&header, &DetailHeader::curlRequested);
    QSignalSpy resendRequested(&header, &DetailHeader::resendRequested);
    QToolButton *curl = button(header, QStringLiteral("Copy as cURL"));
    QToolButton *resend = button(header, QStringLiteral("Resend…"));
    QVERIFY(curl);
    QVERIFY(resend);
    curl->click();
    resend->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(resendRequested.size(), 1);
    header.setCaptureActionsEnabled(false);
    curl->click();
    resend->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(resendRequested.size(), 1);
}

void TestDetailHeader::titleIsPlainText() {
    DetailHeader header;
    header.setTitle(QStringLiteral("Capture #7 <b>x</b>"));
    const QLabel *title = header.findChild<QLabel *>();
    QVERIFY(title);
    QCOMPARE(header.title(), QStringLiteral("Capture #7 <b>x</b>"));
    QCOMPARE(title->textFormat(), Qt::PlainText);
    QVERIFY(!title->toolTip().contains(QLatin1String("<b>"))); // the tooltip shows it too
}

void TestDetailHeader::titleFitsWhatIsLeft() {
    DetailHeader header;
    header.resize(1000, header.sizeHint().height());
    header.show();
    QVERIFY(QTest::qWaitForWindowExposed(&header));
    header.setTitle(QStringLiteral("Capture #123456"), QStringLiteral("#123456"));
    QCOMPARE(header.shownTitle(), QStringLiteral("Capture #123456"));
    const auto *title = header.findChild<QLabel *>();
    QVERIFY(title->toolTip().contains(QStringLiteral("Capture #123456")));
    const int buttons = header.width() - title->width();
    const QFontMetrics metrics = title->fontMetrics();
    // Too narrow for the whole title: the number, which tells captures apart.
    header.resize(buttons + metrics.horizontalAdvance(QStringLiteral("#123456")) + 20,
                  header.height());
    QTRY_COMPARE_WITH_TIMEOUT(header.shownTitle(), QStringLiteral("#123456"), 5000);
    QVERIFY(metrics.horizontalAdvance(header.shownTitle()) <= title->contentsRect().width());
    QCOMPARE(title->y(), header.revealButton()->y()); // one row
    // Narrower than the short form and the buttons: the title gets a row of its own
    // above them, and the pane no minimum width beyond the buttons'.
    header.resize(1, header.height());
    QTRY_VERIFY_WITH_TIMEOUT(title->y() < header.revealButton()->y(), 5000);
    QVERIFY(header.minimumSizeHint().width() <= buttons);
    QTRY_COMPARE_WITH_TIMEOUT(header.shownTitle(), QStringLiteral("Capture #123456"), 5000);
    const QString longer = QStringLiteral("Capture #123456 with a name longer than any pane");
    header.setTitle(longer);
    QVERIFY(header.shownTitle().endsWith(QChar(0x2026)));
    QVERIFY(metrics.horizontalAdvance(header.shownTitle()) <= title->contentsRect().width());
    QVERIFY(title->toolTip().contains(longer));
    header.setTitle(QStringLiteral("Capture #123456"), QStringLiteral("#123456"));
    header.resize(1000, header.height());
    QTRY_COMPARE_WITH_TIMEOUT(title->y(), header.revealButton()->y(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(header.shownTitle(), QStringLiteral("Capture #123456"), 5000);
}

// The window a user had it cut off in: 1024 × 700 device pixels at QT_SCALE_FACTOR=1.5
// (main() sets it), the panes at their first-run sizes.
void TestDetailHeader::titleFitsAScaledWindow() {
    QCOMPARE(qApp->devicePixelRatio(), 1.5);
    m_window = startWindow();
    m_prompts = m_allPrompts.constLast();
    m_window->resize(QSize(1024, 700) / 1.5);
    sendSamples();
    const qint64 last = m_window->store()->row(m_window->store()->size() - 1).id;
    QVERIFY(m_window->captureView()->selectCapture(last));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->captureId(), last, Wait);
    const DetailHeader *header = m_window->detailPane()->header();
    const auto *title = header->findChild<QLabel *>();
    const QString whole = QStringLiteral("Capture #%1").arg(last);
    QTRY_COMPARE_WITH_TIMEOUT(header->title(), whole, Wait);
    QVERIFY(title->toolTip().contains(whole));
    QVERIFY(title->isVisible());
    const QString shown = title->text();
    QVERIFY2(title->fontMetrics().horizontalAdvance(shown) <= title->contentsRect().width(),
             qPrintable(QStringLiteral("'%1' in %2 px").arg(shown).arg(title->width())));
    QVERIFY2(shown.contains(QStringLiteral("#%1").arg(last)), qPrintable(shown));
    // and the buttons beside it are whole
    const QWidget *resend = header->findChildren<QToolButton *>().constLast();
    QVERIFY(resend->geometry().right() <= header->contentsRect().right());
}

// The same screen: with a capture shown, the panes' minimum widths left the window no
// narrower than 1034 device pixels (filters 188 + events 193 + detail 300 logical px).
void TestDetailHeader::windowFitsA1024PxScreenWhenScaled() {
    QCOMPARE(qApp->devicePixelRatio(), 1.5);
    m_window = startWindow();
    m_prompts = m_allPrompts.constLast();
    sendSamples();
    const qint64 last = m_window->store()->row(m_window->store()->size() - 1).id;
    QVERIFY(m_window->captureView()->selectCapture(last));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->captureId(), last, Wait);
    const QSize screen = QSize(1024, 700) / 1.5; // logical px
    QVERIFY2(m_window->minimumSizeHint().width() <= screen.width(),
             qPrintable(QStringLiteral("%1 px, detail pane %2 px")
                            .arg(m_window->minimumSizeHint().width())
                            .arg(m_window->detailPane()->minimumSizeHint().width())));
    m_window->resize(screen);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->width(), screen.width(), Wait);
    // The header's buttons are whole and still say what they do.
    const DetailHeader *header = m_window->detailPane()->header();
    for (const QToolButton *button : header->findChildren<QToolButton *>()) {
        QVERIFY(button->isVisible());
        QVERIFY(button->width() >= button->sizeHint().width());
        QVERIFY(header->contentsRect().contains(button->geometry()));
        QVERIFY(!button->icon().isNull());
        QVERIFY(!button->toolTip().isEmpty());
    }
}

int main(int argc, char *argv[]) {
    qputenv("QT_SCALE_FACTOR", "1.5");
    return ScratchHome::run<TestDetailHeader>(argc, argv, QStringLiteral("tst_detailheader"));
}

#include "tst_detailheader.moc"
