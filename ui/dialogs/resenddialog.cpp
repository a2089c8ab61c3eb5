#include "resenddialog.h"

#include "http/contentcoding.h"
#include "mews/deliveryoutcome.h"
#include "mews/secrets.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace {

QString sizeText(qint64 bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

} // namespace

ResendDialog::ResendDialog(const Capture &capture, bool revealSecrets, QWidget *parent)
    : QDialog(parent)
    , m_capture(capture)
    , m_reveal(revealSecrets)
    , m_destination(new QLineEdit(this))
    , m_target(new QLabel(this))
    , m_outcome(new QPlainTextEdit(this))
    , m_send(new QPushButton(QStringLiteral("&Send"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this)) {
    setWindowTitle(QStringLiteral("Resend capture #%1").arg(capture.id));
    QString replayWarning = ContentCoding::replayWarning(capture);
    if (!replayWarning.isEmpty())
        replayWarning.prepend(u' ');
    resize(640, 440);

    auto *about = new QLabel(
        QStringLiteral("Sends the request again byte for byte as it was captured: %1, %2 and "
                       "a body of %3, with nothing added. Host, Content-Length and Connection "
                       "are made for the new connection. A URL without a path gets the "
                       "captured path and query.")
                .arg(QString::fromLatin1(capture.method.isEmpty() ? "POST" : capture.method),
                     capture.headers.size() == 1
                         ? QStringLiteral("1 header field")
                         : QStringLiteral("%1 header fields").arg(capture.headers.size()),
                     sizeText(capture.body.size())) +
            replayWarning,
        this);
    about->setWordWrap(true);

    m_destination->setPlaceholderText(QStringLiteral("http://127.0.0.1:3000"));
    m_destination->setText(
        QSettings()
            .value(QLatin1String(DestinationKey), QStringLiteral("http://127.0.0.1:3000"))
            .toString());
    m_destination->setClearButtonEnabled(true);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_target->setTextFormat(Qt::PlainText);
    m_target->setWordWrap(true);

    m_outcome->setReadOnly(true);
    m_outcome->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_outcome->setPlaceholderText(QStringLiteral("The answer appears here."));
    m_outcome->setLineWrapMode(QPlainTextEdit::NoWrap);

    m_send->setDefault(true);
    m_buttons->addButton(m_send, QDialogButtonBox::ActionRole);

    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("&URL:"), m_destination);
    form->addRow(QStringLiteral("Sends to:"), m_target);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addLayout(form);
    layout->addWidget(m_outcome, 1);
    layout->addWidget(m_buttons);

    connect(m_destination, &QLineEdit::textChanged, this, &ResendDialog::updateTarget);
    connect(m_destination, &QLineEdit::returnPressed, this, &ResendDialog::send);
    connect(m_send, &QPushButton::clicked, this, &ResendDialog::send);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::finished, &m_resender, &RequestResender::abort);
    connect(&m_resender, &RequestResender::finished, this, &ResendDialog::showOutcome);
    updateTarget();
}

QString ResendDialog::outcomeText() const {
    return m_outcome->toPlainText();
}

QString ResendDialog::shown(const QByteArray &bytes) const {
    return QString::fromUtf8(m_reveal ? bytes : Secrets::maskTarget(bytes));
}

void ResendDialog::updateTarget() {
    QString error;
    const QUrl url = RequestResender::destinationFor(m_capture, m_destination->text(), &error);
    m_target->setText(url.isValid() ? shown(url.toEncoded()) : error);
    m_send->setEnabled(url.isValid() && !m_resender.isSending());
}

void ResendDialog::send() {
    if (m_resender.isSending())
        return;
    QString error;
    if (!m_resender.send(m_capture, m_destination->text(), &error)) {
        m_outcome->setPlainText(error);
        return;
    }
    QSettings().setValue(QLatin1String(DestinationKey), m_destination->text().trimmed());
    m_send->setEnabled(false);
    m_outcome->setPlainText(QStringLiteral("Sending…"));
}

void ResendDialog::showOutcome(const RequestResender::Outcome &outcome) {
    QString text;
    // what Mews would make of this answer, had it sent the webhook there
    const QString forMews = QStringLiteral("For Mews: ") +
                            DeliveryOutcome::of(outcome.status, outcome.elapsedMs).text +
                            QLatin1Char('\n');
    if (outcome.status == 0) {
        text = QStringLiteral("No answer from %1 after %2 ms: %3\n")
                   .arg(shown(outcome.url.toEncoded()), QString::number(outcome.elapsedMs),
                        outcome.error) +
               forMews;
    } else {
        text = QStringLiteral("HTTP %1 %2 in %3 ms from %4\n")
                   .arg(QString::number(outcome.status), QString::fromUtf8(outcome.reason),
                        QString::number(outcome.elapsedMs), shown(outcome.url.toEncoded())) +
               forMews + QLatin1Char('\n');
        for (const HeaderField &field : outcome.headers)
            text += QString::fromUtf8(field.name + ": " + field.value) + QLatin1Char('\n');
        text += QLatin1Char('\n') + QString::fromUtf8(outcome.body);
        if (outcome.bodyCut)
            text += QStringLiteral("\n[… the rest of the body is not shown]");
        if (!outcome.error.isEmpty()) // an answer that broke off or did not parse
            text += QStringLiteral("\n[the answer is incomplete: %1]").arg(outcome.error);
    }
    m_outcome->setPlainText(text);
    updateTarget();
}
