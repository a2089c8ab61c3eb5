#include "secrets.h"

#include "contractschema.h"
#include "jsonpath.h"
#include "secretname.h"
#include "text/hextext.h"

#include <QList>
#include <QUrl>

namespace Secrets {

namespace {

constexpr int BulletCount = 8;
constexpr int KeptCharacters = 4;
constexpr int ShortestPartlyShown = 8;

// The secret names, SecretName::folded().
const QStringList &secretNames() {
    static const QStringList names = []() {
        const ContractSchema &schema = ContractSchema::instance();
        if (!schema.isValid())
            qCritical("contract schema failed to load; secret masking is incomplete");
        QStringList all;
        for (const QString &name : schema.secretFieldNames() + schema.secretQueryParameters())
            all.append(SecretName::folded(name));
        all.removeDuplicates();
        return all;
    }();
    return names;
}

// The folded secret names as bytes, to compare raw member names without decoding them.
const QList<QByteArray> &secretNameBytes() {
    static const QList<QByteArray> bytes = []() {
        QList<QByteArray> list;
        for (const QString &name : secretNames())
            list.append(name.toUtf8());
        return list;
    }();
    return bytes;
}

bool isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Index of the closing quote of the string opening at `open`, or size when unterminated.
qsizetype stringEnd(QByteArrayView text, qsizetype open) {
    qsizetype i = open + 1;
    while (i < text.size()) {
        const char c = text.at(i);
        if (c == '\\')
            i += 2;
        else if (c == '"')
            return i;
        else
            ++i;
    }
    return text.size();
}

// The text of JSON string content, escapes decoded; malformed escapes are kept as written.
QString unescape(QByteArrayView raw) {
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw);
    QString text;
    qsizetype run = 0;
    for (qsizetype i = 0; i + 1 < raw.size(); ++i) {
        if (raw.at(i) != '\\')
            continue;
        text += QString::fromUtf8(raw.sliced(run, i - run));
        const char kind = raw.at(i + 1);
        qsizetype length = 2;
        switch (kind) {
        case '"':
        case '\\':
        case '/':
            text += QLatin1Char(kind);
            break;
        case 'b':
            text += QChar(u'\b');
            break;
        case 'f':
            text += QChar(u'\f');
            break;
        case 'n':
            text += QChar(u'\n');
            break;
        case 'r':
            text += QChar(u'\r');
            break;
        case 't':
            text += QChar(u'\t');
            break;
        case 'u': {
            const int unit = HexText::fourDigits(raw.sliced(i + 2));
            if (unit >= 0) {
                text += QChar(char16_t(unit));
                length = 6;
            } else {
                text += QLatin1String("\\u");
            }
            break;
        }
        default:
            text += QLatin1Char('\\');
            length = 1;
            break;
        }
        i += length - 1;
        run = i + 1;
    }
    text += QString::fromUtf8(raw.sliced(run));
    return text;
}

QByteArray escapeForJson(const QString &text) {
    QByteArray out;
    const QByteArray utf8 = text.toUtf8();
    out.reserve(utf8.size());
    for (char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            out += "\\u00";
            out += QByteArray::number(byte, 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
    return out;
}

bool isSecretKeyBytes(QByteArrayView raw) {
    QVarLengthArray<char, 32> folded;
    if (!SecretName::foldAscii(raw, &folded))
        return isSecretKey(unescape(raw));
    return secretNameBytes().contains(QByteArrayView(folded.data(), folded.size()));
}

qsizetype afterWhitespace(QByteArrayView text, qsizetype at) {
    while (at < text.size() && isWhitespace(text.at(at)))
        ++at;
    return at;
}

bool startsWithLiteral(QByteArrayView text) {
    return text.startsWith("true") || text.startsWith("false") || text.startsWith("null");
}

// Copies a body with secret values replaced, byte-identical elsewhere.
class BodyMasker {
public:
    explicit BodyMasker(const QByteArray &body)
        : m_body(body)
        , m_text(body) {}

    // The value of a secret member, from `start`; returns where it ends. An object or
    // array (not what Mews documents, but possible) has every string and number in it
    // masked: all of it is below a secret name, as isSecretPath() and the JSON tree say.
    qsizetype maskValue(qsizetype start) {
        const char lead = m_text.at(start);
        if (lead == '"')
            return maskString(start);
        if (lead == '{' || lead == '[')
            return maskContainer(start);
        if (lead == ',' || lead == '}' || lead == ']' || startsWithLiteral(m_text.sliced(start)))
            return start;
        return maskWord(start);
    }

    QByteArray result() {
        if (m_copied == 0)
            return m_body;
        m_out += m_text.sliced(m_copied);
        return m_out;
    }

private:
    // The string opening at `open`: its content is replaced, its quotes kept (none is
    // added if it is cut off).
    qsizetype maskString(qsizetype open) {
        const qsizetype end = stringEnd(m_text, open);
        const QString plain = unescape(m_text.sliced(open + 1, end - open - 1));
        m_out += m_text.sliced(m_copied, open + 1 - m_copied);
        m_out += escapeForJson(mask(plain));
        m_copied = end;
        return end + 1;
    }

    // A number or a bare word: still secret, so it becomes a masked string.
    qsizetype maskWord(qsizetype start) {
        qsizetype end = start;
        while (end < m_text.size() && !isWhitespace(m_text.at(end)) && m_text.at(end) != ',' &&
               m_text.at(end) != '}' && m_text.at(end) != ']')
            ++end;
        m_out += m_text.sliced(m_copied, start - m_copied);
        m_out +=
            '"' + escapeForJson(mask(QString::fromUtf8(m_text.sliced(start, end - start)))) + '"';
        m_copied = end;
        return end;
    }

    // Every value from `open` to the bracket that closes it; member names are kept.
    qsizetype maskContainer(qsizetype open) {
        int depth = 0;
        qsizetype i = open;
        while (i < m_text.size()) {
            const char c = m_text.at(i);
            if (c == '{' || c == '[') {
                ++depth;
                ++i;
            } else if (c == '}' || c == ']') {
                ++i;
                if (--depth == 0)
                    return i;
            } else if (c == '"') {
                const qsizetype close = stringEnd(m_text, i);
                if (close >= m_text.size())
                    return maskString(i);
                const qsizetype next = afterWhitespace(m_text, close + 1);
                i = next < m_text.size() && m_text.at(next) == ':' ? next + 1 : maskString(i);
            } else if (isWhitespace(c) || c == ',' || c == ':') {
                ++i;
            } else if (startsWithLiteral(m_text.sliced(i))) {
                i += m_text.at(i) == 'f' ? 5 : 4;
            } else {
                i = maskWord(i);
            }
        }
        return i;
    }

    const QByteArray &m_body;
    QByteArrayView m_text;
    QByteArray m_out;
    qsizetype m_copied = 0; // m_text[0, m_copied) is already in m_out
};

} // namespace

bool isSecretKey(QStringView key) {
    return secretNames().contains(SecretName::folded(key));
}

bool isSecretPath(QStringView jsonPath) {
    bool ok = false;
    const QList<JsonPathStep> steps = JsonPath::parse(jsonPath, &ok);
    if (!ok) {
        const QString folded = SecretName::folded(jsonPath);
        for (const QString &name : secretNames()) {
            if (folded.contains(name))
                return true;
        }
        return false;
    }
    for (const JsonPathStep &step : steps) {
        if (!step.isIndex() && isSecretKey(step.key))
            return true;
    }
    return false;
}

QString mask(QStringView value) {
    if (value.isEmpty())
        return QString();
    const QString bullets(BulletCount, QChar(0x2022));
    if (value.size() < ShortestPartlyShown)
        return bullets;
    // The last characters are code points: a surrogate pair counts as one.
    qsizetype from = value.size();
    for (int kept = 0; kept < KeptCharacters && from > 0; ++kept) {
        --from;
        if (from > 0 && value.at(from).isLowSurrogate() && value.at(from - 1).isHighSurrogate())
            --from;
    }
    return bullets + value.sliced(from);
}

QString maskWhole(QStringView value) {
    return value.isEmpty() ? QString() : QString(BulletCount, QChar(0x2022));
}

QByteArray maskTarget(QByteArrayView target) {
    const qsizetype question = target.indexOf('?');
    if (question < 0)
        return target.toByteArray();
    qsizetype queryEnd = target.indexOf('#', question);
    if (queryEnd < 0)
        queryEnd = target.size();
    QByteArray out = target.first(question + 1).toByteArray();
    qsizetype at = question + 1;
    while (at <= queryEnd) {
        qsizetype end = target.indexOf('&', at);
        if (end < 0 || end > queryEnd)
            end = queryEnd;
        const QByteArrayView parameter = target.sliced(at, end - at);
        const qsizetype equals = parameter.indexOf('=');
        QByteArray name = (equals < 0 ? parameter : parameter.first(equals)).toByteArray();
        name.replace('+', ' ');
        const QByteArrayView value = equals < 0 ? QByteArrayView() : parameter.sliced(equals + 1);
        if (!value.isEmpty() &&
            isSecretKey(QString::fromUtf8(QByteArray::fromPercentEncoding(name)))) {
            QByteArray plain = value.toByteArray();
            plain.replace('+', ' ');
            const QString masked = mask(QString::fromUtf8(QByteArray::fromPercentEncoding(plain)));
            const QString bullets(BulletCount, QChar(0x2022));
            out += parameter.first(equals + 1);
            out += bullets.toUtf8();
            out += QUrl::toPercentEncoding(masked.sliced(BulletCount));
        } else {
            out += parameter;
        }
        if (end < queryEnd)
            out += '&';
        at = end + 1;
    }
    out += target.sliced(queryEnd);
    return out;
}

QByteArray maskUrls(QByteArrayView text) {
    if (!text.contains('?'))
        return text.toByteArray();
    const auto isSeparator = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    };
    QByteArray out;
    out.reserve(text.size() + 16);
    qsizetype at = 0;
    while (at < text.size()) {
        if (isSeparator(text.at(at))) {
            out += text.at(at++);
            continue;
        }
        qsizetype end = at;
        while (end < text.size() && !isSeparator(text.at(end)))
            ++end;
        const QByteArrayView word = text.sliced(at, end - at);
        if (word.contains('?'))
            out += maskTarget(word);
        else
            out += word;
        at = end;
    }
    return out;
}

HeaderList maskHeaders(const HeaderList &fields) {
    HeaderList masked = fields;
    for (HeaderField &field : masked) {
        if (field.value.contains('?'))
            field.value = maskUrls(field.value);
    }
    return masked;
}

HeaderList maskHeaders(const HeaderList &fields, qsizetype bodySize, qsizetype maskedBodySize) {
    HeaderList masked = maskHeaders(fields);
    if (bodySize == maskedBodySize)
        return masked;
    for (HeaderField &field : masked) {
        if (field.name.compare("Content-Length", Qt::CaseInsensitive) == 0 &&
            field.value.trimmed() == QByteArray::number(bodySize))
            field.value = QByteArray::number(maskedBodySize);
    }
    return masked;
}

QByteArray maskBody(const QByteArray &body) {
    BodyMasker masker(body);
    const QByteArrayView text(body);
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype open = text.indexOf('"', i);
        if (open < 0)
            break;
        const qsizetype close = stringEnd(text, open);
        if (close >= text.size())
            break;
        const qsizetype next = afterWhitespace(text, close + 1);
        if (next >= text.size() || text.at(next) != ':' ||
            !isSecretKeyBytes(text.sliced(open + 1, close - open - 1))) {
            i = next < text.size() && text.at(next) == ':' ? next + 1 : close + 1;
            continue;
        }
        const qsizetype start = afterWhitespace(text, next + 1);
        if (start >= text.size())
            break;
        i = masker.maskValue(start);
    }
    return masker.result();
}

} // namespace Secrets
