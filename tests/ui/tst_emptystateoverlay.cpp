#include "panes/captures/emptystateoverlay.h"
#include "session/listenerurl.h"

#include <QApplication>
#include <QFontMetrics>
#include <QLabel>
#include <QRegularExpression>
#include <QTest>

// The empty table's overlay: what it says, and that its example command is seen whole.
class TestEmptyStateOverlay : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theExampleCommandFitsThePane_data();
    void theExampleCommandFitsThePane();
    void saysWhyNothingIsShown();
    void aSmallPaneShowsWholeLines_data();
    void aSmallPaneShowsWholeLines();
};

namespace {

QLabel *commandLabel(const EmptyStateOverlay &overlay) {
    for (QLabel *label : overlay.findChildren<QLabel *>()) {
        if (label->text().startsWith(QLatin1String("curl ")))
            return label;
    }
    return nullptr;
}

/// The first label shown cut short (squeezed below its lines, or wider than it has
/// room for), or empty.
QString cutLabel(const QWidget &pane, const EmptyStateOverlay &overlay) {
    for (const QLabel *label : overlay.findChildren<QLabel *>()) {
        if (!label->isVisible())
            continue;
        const QRect shown(label->mapTo(&pane, QPoint(0, 0)), label->size());
        const int lines =
            label->wordWrap() ? label->heightForWidth(label->width()) : label->sizeHint().height();
        const int room = label->contentsRect().width() - 2 * label->margin();
        if (!pane.rect().contains(shown) || label->height() < lines ||
            (!label->wordWrap() && label->fontMetrics().horizontalAdvance(label->text()) > room))
            return QStringLiteral("'%1': %2x%3 at %4,%5, needs %6 px high")
                .arg(label->text())
                .arg(label->width())
                .arg(label->height())
                .arg(shown.x())
                .arg(shown.y())
                .arg(lines);
    }
    return QString();
}

} // namespace

void TestEmptyStateOverlay::theExampleCommandFitsThePane_data() {
    QTest::addColumn<int>("width");
    QTest::addColumn<QString>("token");
    // 695 px is the table pane of the window at its default size (MainWindow).
    QTest::newRow("default pane, token") << 695 << QStringLiteral("s3cret-TOKEN-9f2c41d7");
    QTest::newRow("default pane, no token") << 695 << QString();
    QTest::newRow("narrower pane, token") << 560 << QStringLiteral("s3cret-TOKEN-9f2c41d7");
}

void TestEmptyStateOverlay::theExampleCommandFitsThePane() {
    QFETCH(int, width);
    QFETCH(QString, token);
    QWidget pane;
    pane.resize(width, 560);
    EmptyStateOverlay overlay(&pane);
    const QString url =
        ListenerUrl::withToken(QStringLiteral("http://127.0.0.1:8089/"), token, false);
    overlay.setListenerUrl(url, QString());
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QLabel *command = commandLabel(overlay);
    QVERIFY(command);
    QVERIFY(command->isVisible());
    QVERIFY(command->text().endsWith(QLatin1Char('\'') + url + QLatin1Char('\'')));
    QVERIFY(command->textInteractionFlags() & Qt::TextSelectableByMouse);
    // Inside the pane, and tall enough for its lines as wrapped at this width.
    const QRect shown(command->mapTo(&pane, QPoint(0, 0)), command->size());
    QVERIFY2(pane.rect().contains(shown), qPrintable(QStringLiteral("%1,%2 %3x%4 in %5 px")
                                                         .arg(shown.x())
                                                         .arg(shown.y())
                                                         .arg(shown.width())
                                                         .arg(shown.height())
                                                         .arg(width)));
    QVERIFY(command->height() >= command->heightForWidth(command->width()));
    // Nothing is cut off: a label that wraps breaks lines at spaces, so every word must
    // fit; one that does not needs room for every line.
    const QFontMetrics metrics(command->font());
    const int room = command->contentsRect().width() - 2 * command->margin();
    const QStringList pieces =
        command->wordWrap()
            ? command->text().split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)
            : command->text().split(QLatin1Char('\n'));
    for (const QString &word : pieces) {
        QVERIFY2(metrics.horizontalAdvance(word) <= room,
                 qPrintable(QStringLiteral("%1 (%2 px in %3)")
                                .arg(word)
                                .arg(metrics.horizontalAdvance(word))
                                .arg(room)));
    }
}

void TestEmptyStateOverlay::saysWhyNothingIsShown() {
    QWidget pane;
    pane.resize(695, 560);
    EmptyStateOverlay overlay(&pane);
    overlay.setListenerUrl(QString(), QStringLiteral("port 8089 is already in use"));
    QCOMPARE(overlay.title(), QStringLiteral("Not listening"));
    QVERIFY(overlay.text().contains(QLatin1String("already in use")));
    overlay.setListenerUrl(QStringLiteral("http://127.0.0.1:8089/"), QString());
    QVERIFY(overlay.title().contains(QLatin1String("http://127.0.0.1:8089/")));
    QVERIFY(overlay.isVisibleTo(&pane));
    overlay.setCounts(0, 12);
    QCOMPARE(overlay.title(), QStringLiteral("No capture matches the filter"));
    QVERIFY(overlay.text().startsWith(QLatin1String("12 captures are hidden.")));
    overlay.setCounts(0, 1);
    QVERIFY2(overlay.text().startsWith(QLatin1String("1 capture is hidden.")),
             qPrintable(overlay.text()));
    overlay.setCounts(3, 12);
    QVERIFY(!overlay.isVisibleTo(&pane));
    // Filtered down to nothing again, after rows were shown: the texts catch up.
    overlay.setCounts(0, 7);
    QVERIFY(overlay.isVisibleTo(&pane));
    QVERIFY2(overlay.text().startsWith(QLatin1String("7 captures are hidden.")),
             qPrintable(overlay.text()));
    // Everything cleared: it says where webhooks are awaited once more.
    overlay.setCounts(4, 4);
    overlay.setCounts(0, 0);
    QVERIFY(overlay.title().contains(QLatin1String("http://127.0.0.1:8089/")));
    // While a session is read, it says which, and not where to send.
    overlay.setOpening(QStringLiteral("/home/dev/big.mwsession"));
    QCOMPARE(overlay.title(), QStringLiteral("Opening big.mwsession\u2026"));
    QVERIFY2(overlay.text().startsWith(QLatin1String("Its captures appear here")),
             qPrintable(overlay.text()));
    QVERIFY(!commandLabel(overlay)->isVisibleTo(&pane));
    overlay.setOpening(QString());
    QVERIFY(overlay.title().contains(QLatin1String("http://127.0.0.1:8089/")));
    QVERIFY(commandLabel(overlay)->isVisibleTo(&pane));
}

void TestEmptyStateOverlay::aSmallPaneShowsWholeLines_data() {
    QTest::addColumn<QSize>("size");
    // 183 x 260: the table pane of a 1024 x 700 window at QT_SCALE_FACTOR=1.5.
    QTest::newRow("scaled window") << QSize(183, 260);
    QTest::newRow("narrow") << QSize(183, 560);
    QTest::newRow("low") << QSize(400, 150);
    QTest::newRow("default pane") << QSize(695, 560);
}

void TestEmptyStateOverlay::aSmallPaneShowsWholeLines() {
    QFETCH(QSize, size);
    QWidget pane;
    pane.resize(size);
    EmptyStateOverlay overlay(&pane);
    const QString url = ListenerUrl::withToken(QStringLiteral("http://127.0.0.1:8089/"),
                                               QStringLiteral("s3cret-TOKEN-9f2c41d7"), false);
    overlay.setListenerUrl(url, QString());
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    // Lines cut through the middle are unreadable: what is shown is whole.
    QTRY_COMPARE_WITH_TIMEOUT(cutLabel(pane, overlay), QString(), 2000);
    // The URL is always there, and what does not fit stays in reach.
    bool urlShown = false;
    for (const QLabel *label : overlay.findChildren<QLabel *>())
        urlShown = urlShown || (label->isVisible() && label->text().endsWith(url));
    QVERIFY(urlShown || overlay.toolTip().contains(url));
    const QLabel *command = commandLabel(overlay);
    QVERIFY(command);
    QVERIFY(command->isVisible() || overlay.toolTip().contains(command->text()));
    QVERIFY(overlay.title().contains(url));
}

QTEST_MAIN(TestEmptyStateOverlay)
#include "tst_emptystateoverlay.moc"
