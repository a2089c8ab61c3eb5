#include "mewsanalysis.h"

#include <QHash>
#include <QStringList>
#include <QVarLengthArray>

#include <algorithm>
#include <array>

namespace {

// One table per enum, in enum order: the ids are written to session files and
// read back, so they never change.
constexpr std::array KindIds{QLatin1String("integration"), QLatin1String("general"),
                             QLatin1String("other-json"),  QLatin1String("invalid-json"),
                             QLatin1String("not-json"),    QLatin1String("too-deep")};
constexpr std::array SeverityIds{QLatin1String("note"), QLatin1String("warning"),
                                 QLatin1String("error")};
constexpr std::array StateIds{QLatin1String("ok"),           QLatin1String("notes"),
                              QLatin1String("warnings"),     QLatin1String("errors"),
                              QLatin1String("invalid-json"), QLatin1String("rejected")};

template <typename Enum, size_t N>
QLatin1String idOf(const std::array<QLatin1String, N> &ids, Enum value, Enum fallback) {
    const auto index = static_cast<size_t>(value);
    return ids[index < N ? index : static_cast<size_t>(fallback)];
}

template <typename Enum, size_t N>
Enum fromId(const std::array<QLatin1String, N> &ids, QAnyStringView id, Enum fallback, bool *ok) {
    for (size_t i = 0; i < N; ++i) {
        if (QAnyStringView::compare(ids[i], id) == 0) {
            if (ok)
                *ok = true;
            return Enum(i);
        }
    }
    if (ok)
        *ok = false;
    return fallback;
}

} // namespace

QLatin1String webhookKindId(WebhookKind kind) {
    return idOf(KindIds, kind, WebhookKind::NotJson);
}

WebhookKind webhookKindFromId(QAnyStringView id, bool *ok) {
    return fromId(KindIds, id, WebhookKind::NotJson, ok);
}

QString findingSeverityId(FindingSeverity severity) {
    return idOf(SeverityIds, severity, FindingSeverity::Error);
}

FindingSeverity findingSeverityFromId(QAnyStringView id, bool *ok) {
    return fromId(SeverityIds, id, FindingSeverity::Note, ok);
}

QLatin1String contractStateId(ContractState state) {
    return idOf(StateIds, state, ContractState::Rejected);
}

ContractState contractStateFromId(QAnyStringView id, bool *ok) {
    return fromId(StateIds, id, ContractState::Ok, ok);
}

QString webhookKindName(WebhookKind kind) {
    switch (kind) {
    case WebhookKind::Integration:
        return QStringLiteral("Integration webhook");
    case WebhookKind::General:
        return QStringLiteral("General webhook");
    case WebhookKind::OtherJson:
        return QStringLiteral("Other JSON");
    case WebhookKind::InvalidJson:
        return QStringLiteral("Invalid JSON");
    case WebhookKind::TooDeep:
        return QStringLiteral("Too deep to decode");
    case WebhookKind::NotJson:
        break;
    }
    return QStringLiteral("Not JSON");
}

int MewsAnalysis::count(FindingSeverity severity) const {
    int n = 0;
    for (const ContractFinding &finding : findings)
        n += finding.severity == severity ? 1 : 0;
    return n;
}

ContractState MewsAnalysis::contractState() const {
    // A body nested beyond the decoder's limit (TooDeep) may be valid JSON: its state is
    // that of its findings (the warning that it was not decoded).
    if (kind == WebhookKind::InvalidJson)
        return ContractState::InvalidJson;
    if (count(FindingSeverity::Error) > 0)
        return ContractState::Errors;
    if (count(FindingSeverity::Warning) > 0)
        return ContractState::Warnings;
    if (count(FindingSeverity::Note) > 0)
        return ContractState::Notes;
    return ContractState::Ok;
}

QString MewsAnalysis::eventsSummary() const {
    if (kind == WebhookKind::Integration)
        return action;
    QString line;
    appendEventsSummary(line);
    return line;
}

void MewsAnalysis::appendEventsSummary(QString &line) const {
    // Discriminators in order of first appearance, with a count when repeated. Composed
    // once per capture on the analysis thread, so it appends into one string and
    // builds no lists.
    // A short list is searched; past 16 discriminators a hash takes over, so a body of
    // thousands of different ones stays linear.
    // An event without a Discriminator (missing, null or not a string) is named as the
    // event list names it, so the line shows no empty entry (", ,").
    static const QString noDiscriminator = QStringLiteral("(no discriminator)");
    QVarLengthArray<std::pair<const QString *, int>, 16> order;
    QHash<QStringView, qsizetype> positions;
    qsizetype length = 0;
    for (const WebhookEvent &event : events) {
        const QString &name = event.discriminator.isEmpty() ? noDiscriminator : event.discriminator;
        qsizetype seen = -1;
        if (positions.isEmpty()) {
            const auto it = std::find_if(order.begin(), order.end(), [&name](const auto &entry) {
                return *entry.first == name;
            });
            seen = it == order.end() ? -1 : it - order.begin();
        } else {
            seen = positions.value(name, -1);
        }
        if (seen >= 0) {
            ++order[seen].second;
            continue;
        }
        order.append({&name, 1});
        length += name.size() + 8; // ", " and " ×N"
        if (!positions.isEmpty() || order.size() > 16) {
            if (positions.isEmpty()) {
                for (qsizetype i = 0; i < order.size(); ++i)
                    positions.insert(*order.at(i).first, i);
            } else {
                positions.insert(name, order.size() - 1);
            }
        }
    }
    line.reserve(line.size() + length);
    for (const auto &[discriminator, count] : order) {
        if (discriminator != order.front().first)
            line += QLatin1String(", ");
        line += *discriminator;
        if (count > 1) {
            line += u" \u00d7";
            line += QString::number(count);
        }
    }
}

QString MewsAnalysis::summary() const {
    return summaryMemo.text.isNull() ? composeSummary() : summaryMemo.text;
}

QString MewsAnalysis::composeSummary() const {
    const QString dot = QStringLiteral(" · ");
    switch (kind) {
    case WebhookKind::Integration: {
        QString line = action.isEmpty() ? QStringLiteral("Integration webhook") : action;
        if (!enterpriseName.isEmpty())
            line += dot + enterpriseName;
        else if (!integrationName.isEmpty())
            line += dot + integrationName;
        return line;
    }
    case WebhookKind::General: {
        const qsizetype n = events.size();
        QString line;
        line.reserve(64 + enterpriseName.size());
        line += QLatin1String("General webhook");
        line += dot;
        line += QString::number(n);
        line += n == 1 ? QLatin1String(" event") : QLatin1String(" events");
        if (n > 0) {
            line += QLatin1String(": ");
            appendEventsSummary(line);
        }
        if (!enterpriseName.isEmpty()) {
            line += dot;
            line += QLatin1String("enterprise ");
            line += enterpriseName;
        } else if (!enterpriseId.isEmpty()) {
            line += dot;
            line += QLatin1String("enterprise ");
            line += QStringView(enterpriseId).left(8);
            if (enterpriseId.size() > 8) // "…" only where the Id was cut short
                line += u'\u2026';
        }
        return line;
    }
    case WebhookKind::InvalidJson:
    case WebhookKind::TooDeep:
        if (jsonError.isValid()) {
            return QStringLiteral("%1 at line %2, column %3: %4")
                .arg(jsonError.tooDeep ? QLatin1String("Not decoded")
                                       : QLatin1String("Invalid JSON"))
                .arg(jsonError.line)
                .arg(jsonError.column)
                .arg(jsonError.message);
        }
        return webhookKindName(kind);
    case WebhookKind::OtherJson:
    case WebhookKind::NotJson:
        break;
    }
    return kindReason.isEmpty() ? webhookKindName(kind) : webhookKindName(kind) + dot + kindReason;
}
