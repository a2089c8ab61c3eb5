#include "overviewtab.h"

#include "http/contentcoding.h"

#include "http/httpresponse.h"
#include "mews/deliveryoutcome.h"
#include "mews/secrets.h"
#include "models/capturetext.h"
#include "models/headersmodel.h"
#include "rawtext.h"
#include "severitydecoration.h"
#include "text/countedtext.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qsizetype MaxResponseBodyShown = 2000;

/// What a HAR file from another tool does not record (the client that sent the request).
const QString NotInHar = QStringLiteral("not recorded in the HAR file");

QLabel *plainLabel(const QString &text, QWidget *parent) {
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // payload text is never rich text
    label->setText(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

QString timeText(qint64 utcMs) {
    if (utcMs <= 0)
        return QStringLiteral("unknown");
    return CaptureText::isoUtc(utcMs) + QStringLiteral("  (local ") +
           CaptureText::localTime(utcMs) + u')';
}

QString delta(qint64 from, qint64 to, const QString &after) {
    if (from <= 0 || to <= 0)
        return QString();
    return QStringLiteral("  +%1 ms %2").arg(QLocale().toString(to - from), after);
}

QString headerLines(const HeaderList &headers, bool revealed) {
    QStringList lines;
    for (const HeaderField &field : headers)
        lines.append(HeadersModel::text(field.name) + QStringLiteral(": ") +
                     HeadersModel::text(revealed ? field.value : Secrets::maskTarget(field.value)));
    return lines.join(u'\n');
}

QString stateName(ContractState state) {
    return CaptureText::stateName(state);
}

} // namespace

OverviewTab::OverviewTab(QWidget *parent)
    : QWidget(parent)
    , m_scroll(new QScrollArea(this))
    , m_content(new QWidget)
    , m_banner(plainLabel(QString(), this))
    , m_bannerIcon(new QLabel(this))
    , m_bannerBox(new QWidget(this))
    , m_message(plainLabel(QString(), this)) {
    QFont bold = m_banner->font();
    bold.setBold(true);
    m_banner->setFont(bold);
    const int size = style()->pixelMetric(QStyle::PM_LargeIconSize);
    m_bannerIcon->setPixmap(SeverityDecoration::icon(FindingSeverity::Error).pixmap(size, size));
    auto *bannerLayout = new QHBoxLayout(m_bannerBox);
    bannerLayout->addWidget(m_bannerIcon);
    bannerLayout->addWidget(m_banner, 1);
    m_bannerBox->setAutoFillBackground(true);
    QPalette tinted = m_bannerBox->palette();
    tinted.setColor(QPalette::Window, SeverityDecoration::tint(FindingSeverity::Error, palette()));
    m_bannerBox->setPalette(tinted);

    m_contentLayout = new QVBoxLayout(m_content);
    m_contentLayout->addWidget(m_bannerBox);
    m_contentLayout->addWidget(m_message);
    m_contentLayout->addStretch(1);
    m_scroll->setWidget(m_content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);
    showMessage(QString());
}

QString OverviewTab::text() const {
    return m_lines.join(u'\n');
}

QString OverviewTab::rejectionText() const {
    return m_bannerBox->isHidden() ? QString() : m_banner->text();
}

void OverviewTab::reset() {
    // The rows are built in a new widget that is shown once they are all there: rows
    // added to a form already on screen were laid out before they were shown, by their
    // width-less size hints, and wrapped texts were squeezed into too few lines.
    delete m_building;
    m_building = new QWidget;
    m_form = new QFormLayout(m_building);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_lines.clear();
    m_bannerBox->hide();
    m_banner->clear();
    m_message->hide();
}

void OverviewTab::showMessage(const QString &message) {
    reset();
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    if (!message.isEmpty())
        m_lines.append(message);
    showRows();
}

void OverviewTab::addSection(const QString &title) {
    auto *label = new QLabel(title, m_building);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(0, m_form->rowCount() > 0 ? 10 : 0, 0, 0);
    m_form->addRow(label);
    m_lines.append(title);
}

void OverviewTab::addRow(const QString &label, const QString &value) {
    if (value.isEmpty())
        return;
    m_form->addRow(label + u':', plainLabel(value, m_building));
    m_lines.append(label + QStringLiteral(": ") + value);
}

void OverviewTab::addDeliveries(const DeliveryHistory &history) {
    if (!history.isKnown())
        return;
    addSection(QStringLiteral("Deliveries"));
    if (!history.isRepeated()) {
        addRow(QStringLiteral("Of this body"),
               QStringLiteral("only this one: no other capture has these bytes"));
        return;
    }
    const MessageDelivery &first = history.listed.constFirst();
    const qint64 shownId = history.shown.self.captureId;
    QStringList plain;
    QStringList linked;
    const auto line = [&](const MessageDelivery &d) {
        const QString rest = u' ' + MessageDeliveries::when(d, first) + QStringLiteral(", ") +
                             (d.status > 0    ? QStringLiteral("answered %1").arg(d.status)
                              : d.status == 0 ? QStringLiteral("no answer")
                                              : QStringLiteral("no answer on record")) +
                             (d.captureId == shownId ? QStringLiteral(" (this one)") : QString());
        const QString ref = u'#' + QString::number(d.captureId);
        plain.append(ref + rest);
        linked.append(
            d.captureId == shownId
                ? QStringLiteral("<b>%1</b>").arg(ref) + rest.toHtmlEscaped()
                : QStringLiteral("<a href=\"capture:%1\">%2</a>").arg(d.captureId).arg(ref) +
                      rest.toHtmlEscaped());
    };
    const auto gap = [&](qsizetype skipped) {
        if (skipped <= 0)
            return;
        const QString more = QStringLiteral("… %1 more").arg(QLocale().toString(skipped));
        plain.append(more);
        linked.append(more);
    };
    for (const MessageDelivery &d : history.listed)
        line(d);
    qsizetype after = history.total - history.listed.size(); // not listed yet
    if (!history.isListed()) {
        gap(history.shown.ordinal - history.listed.size() - 1);
        line(history.shown.self);
        after = history.total - history.shown.ordinal;
    }
    gap(after);
    const QString count =
        QStringLiteral("%1 captures carry these bytes:").arg(QLocale().toString(history.total));
    auto *label = new QLabel(m_building);
    label->setTextFormat(Qt::RichText); // only numbers and our own words: no payload text
    label->setText(count + QStringLiteral("<br>") + linked.join(QStringLiteral("<br>")));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(label, &QLabel::linkActivated, this, [this](const QString &link) {
        bool ok = false;
        const qint64 id = link.mid(qsizetype(std::size("capture:")) - 1).toLongLong(&ok);
        if (ok)
            Q_EMIT captureRequested(id);
    });
    m_form->addRow(QStringLiteral("Of this body:"), label);
    m_lines.append(QStringLiteral("Of this body: ") + count + u' ' +
                   plain.join(QStringLiteral("; ")));
    addRow(QStringLiteral("Meaning"), MessageDeliveries::explanation(history.shown));
}

void OverviewTab::setCapture(const AnalysedCapture &analysed, bool revealed,
                             const DeliveryHistory &deliveries, const SessionNames &names) {
    reset();
    const Capture &c = analysed.capture;
    const MewsAnalysis &a = analysed.analysis;
    if (c.isRejected()) {
        m_banner->setText(QStringLiteral("Rejected: ") + c.rejection);
        m_bannerBox->show();
        m_lines.append(m_banner->text());
    }

    addSection(QStringLiteral("Webhook"));
    if (!analysed.analysed) {
        addRow(QStringLiteral("Kind"), QStringLiteral("not analysed yet"));
    } else {
        addRow(QStringLiteral("Kind"),
               webhookKindName(a.kind) +
                   (a.kindReason.isEmpty() ? QString() : QStringLiteral(" — ") + a.kindReason));
        addRow(QStringLiteral("Summary"), a.summary());
        // The webhook's own name first; else the one another webhook of the session gave,
        // said as such (Mews sends a General webhook with ids only).
        const auto named = [](const QString &own, const QString &known,
                              const QString &id) -> QString {
            if (!own.isEmpty())
                return own + QStringLiteral("  (") + id + u')';
            if (!known.isEmpty())
                return known + QStringLiteral("  (") + id +
                       QStringLiteral(")  \u00b7 named by an Integration webhook in this session");
            return id;
        };
        if (!a.enterpriseId.isEmpty())
            addRow(QStringLiteral("Enterprise"),
                   named(a.enterpriseName, names.enterprise, a.enterpriseId));
        if (!a.integrationId.isEmpty())
            addRow(QStringLiteral("Integration"),
                   named(a.integrationName, names.integration, a.integrationId));
        if (a.jsonError.isValid())
            addRow(QStringLiteral("JSON"),
                   (a.jsonError.tooDeep
                        ? QStringLiteral("not decoded, though it may well be valid: %1 at line "
                                         "%2, column %3 (byte %4)")
                        : QStringLiteral("not valid: %1 at line %2, column %3 (byte %4)"))
                       .arg(a.jsonError.message)
                       .arg(a.jsonError.line)
                       .arg(a.jsonError.column)
                       .arg(a.jsonError.offset));
        addRow(
            QStringLiteral("Contract"),
            stateName(a.contractState()) + QStringLiteral(" — ") +
                CountedText::localized(a.count(FindingSeverity::Error), "error"_L1, "errors"_L1) +
                QStringLiteral(", ") +
                CountedText::localized(a.count(FindingSeverity::Warning), "warning"_L1,
                                       "warnings"_L1) +
                QStringLiteral(", ") +
                CountedText::localized(a.count(FindingSeverity::Note), "note"_L1, "notes"_L1));
    }

    addDeliveries(deliveries);

    addSection(QStringLiteral("Request"));
    addRow(QStringLiteral("Method"), HeadersModel::text(c.method));
    addRow(QStringLiteral("Target"),
           HeadersModel::text(revealed ? c.target : Secrets::maskTarget(c.target)));
    addRow(QStringLiteral("HTTP version"), c.httpVersion.isEmpty()
                                               ? QStringLiteral("unreadable")
                                               : HeadersModel::text(c.httpVersion));
    QString body = CaptureText::dataSize(c.body.size());
    if (c.body.size() >= 1024)
        body += QStringLiteral(" (") +
                CountedText::localized(c.body.size(), "byte"_L1, "bytes"_L1) + u')';
    const QByteArray contentType = c.headerValue("Content-Type");
    if (!contentType.isNull())
        body += QStringLiteral(" · ") + HeadersModel::text(contentType);
    if (c.chunked)
        body += QStringLiteral(" · chunked");
    if (ContentCoding::namesCoding(c)) // what became of it: the first contract finding
        body += QStringLiteral(" · Content-Encoding: ") +
                HeadersModel::text(c.headerValue("Content-Encoding"));
    addRow(QStringLiteral("Body"), body);
    addRow(QStringLiteral("Header fields"),
           CountedText::localized(c.headers.size(), "field"_L1, "fields"_L1) +
               (c.trailers.isEmpty()
                    ? QString()
                    : QStringLiteral(", ") +
                          CountedText::localized(c.trailers.size(), "trailer"_L1, "trailers"_L1)));

    addSection(QStringLiteral("Connection"));
    // A capture that a salvage rebuilt from its payload has no remote address, and
    // neither has one imported from another tool's HAR file.
    const bool imported = c.origin == CaptureOrigin::HarImport;
    addRow(QStringLiteral("Remote"), !c.remoteAddress.isEmpty() ? c.remoteEndpoint()
                                     : imported                 ? NotInHar
                                                                : CaptureText::rebuiltUnknown());
    addRow(QStringLiteral("Local port"), c.localPort ? QString::number(c.localPort) : QString());
    // Another tool's HAR file names the connection but not the request's place on it.
    if (c.connectionId)
        addRow(QStringLiteral("Connection"),
               c.sequence
                   ? QStringLiteral("#%1, request %2 on it").arg(c.connectionId).arg(c.sequence)
                   : QStringLiteral("#%1").arg(c.connectionId));
    addRow(QStringLiteral("Origin"), c.origin == CaptureOrigin::HarImport
                                         ? QStringLiteral("imported from a HAR file")
                                         : QStringLiteral("received by the listener"));
    addRow(QStringLiteral("Capture"), u'#' + QString::number(c.id));

    addSection(QStringLiteral("Times"));
    addRow(QStringLiteral("First byte"), timeText(c.firstByteUtcMs));
    addRow(QStringLiteral("Complete"),
           timeText(c.completeUtcMs) +
               delta(c.firstByteUtcMs, c.completeUtcMs, QStringLiteral("after the first byte")));
    // A HAR file's time for an entry without a response is when its tool stopped waiting.
    const ResponseRecord record = c.responseRecord();
    const bool noResponse = recordsNoResponse(record);
    if (!noResponse)
        addRow(QStringLiteral("Response sent"),
               timeText(c.response.sentUtcMs) +
                   delta(c.completeUtcMs, c.response.sentUtcMs, QStringLiteral("after complete")));

    addSection(QStringLiteral("Response"));
    const CaptureResponse &r = c.response;
    if (noResponse) {
        // HAR's status 0 (a failed or blocked request, or one saved without its response)
        // says nothing of what Mews made of it; a request the client cut short got no answer.
        addRow(QStringLiteral("Status"), CaptureText::noStatusReason(record));
        if (record == ResponseRecord::NotSent)
            addRow(QStringLiteral("For Mews"), DeliveryOutcome::of(0, -1).text);
    } else {
        if (record == ResponseRecord::Unknown) {
            addRow(QStringLiteral("Status"), CaptureText::noStatusReason(record));
        } else {
            const QByteArrayView reason = HttpResponse::reasonPhrase(r.status);
            addRow(QStringLiteral("Status"),
                   QString::number(r.status) + u' ' + QString::fromLatin1(reason.toByteArray()));
            addRow(QStringLiteral("For Mews"),
                   DeliveryOutcome::of(r.status, c.answerDelayMs()).text);
        }
        addRow(QStringLiteral("Headers"), headerLines(r.headers, revealed));
        QString responseBody;
        if (r.body.isEmpty())
            responseBody = QStringLiteral("(empty)");
        else if (RawText::looksBinary(r.body))
            responseBody = CountedText::localized(r.body.size(), "byte"_L1, "bytes"_L1) +
                           QStringLiteral(" (binary)");
        else
            responseBody = QString::fromUtf8(r.body.left(MaxResponseBodyShown)).trimmed() +
                           (r.body.size() > MaxResponseBodyShown ? QStringLiteral("…") : QString());
        addRow(QStringLiteral("Body"), responseBody);
    }
    showRows();
}

void OverviewTab::showRows() {
    if (m_rows) {
        m_contentLayout->removeWidget(m_rows);
        delete m_rows;
    }
    m_rows = std::exchange(m_building, nullptr);
    m_contentLayout->insertWidget(2, m_rows); // after the banner and the message
    m_rows->show();
}
