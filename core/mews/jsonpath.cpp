#include "jsonpath.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

bool isSpecial(QChar c) {
    return c == u'.' || c == u'[' || c == u']' || c == u'"' || c == u'\\';
}

// Characters that would not show, or not show where they are, in a path written plain.
bool isUnseen(QChar c) {
    return c.isSpace() || c.category() == QChar::Other_Control;
}

// Reads a quoted member name at path[at] == '"'; returns the index after the closing quote or -1.
qsizetype readQuoted(QStringView path, qsizetype at, QString *key) {
    for (qsizetype i = at + 1; i < path.size(); ++i) {
        const QChar c = path.at(i);
        if (c == u'\\') {
            if (i + 1 >= path.size())
                return -1;
            key->append(path.at(++i));
        } else if (c == u'"') {
            return i + 1;
        } else {
            key->append(c);
        }
    }
    return -1;
}

} // namespace

bool JsonPath::needsQuoting(QStringView key) {
    if (key.isEmpty())
        return true;
    for (QChar c : key) {
        if (isSpecial(c) || isUnseen(c))
            return true;
    }
    return false;
}

QString JsonPath::appendKey(const QString &path, QStringView key) {
    if (!needsQuoting(key))
        return path.isEmpty() ? key.toString() : path + u'.' + key;
    QString quoted;
    quoted.reserve(key.size() + 4);
    quoted += QLatin1String("[\"");
    for (QChar c : key) {
        if (c == u'"' || c == u'\\')
            quoted += u'\\';
        quoted += c;
    }
    quoted += QLatin1String("\"]");
    return path + quoted;
}

QString JsonPath::appendIndex(const QString &path, qsizetype index) {
    return path + u'[' + QString::number(index) + u']';
}

QString JsonPath::toString(const QList<JsonPathStep> &steps) {
    QString path;
    for (const JsonPathStep &step : steps)
        path = step.isIndex() ? appendIndex(path, step.index) : appendKey(path, step.key);
    return path;
}

QList<JsonPathStep> JsonPath::parse(QStringView path, bool *ok) {
    QList<JsonPathStep> steps;
    const auto fail = [&]() {
        if (ok)
            *ok = false;
        return QList<JsonPathStep>();
    };
    qsizetype i = 0;
    bool expectMember = true; // at the start or after a '.'
    while (i < path.size()) {
        const QChar c = path.at(i);
        if (c == u'[') {
            if (i + 1 < path.size() && path.at(i + 1) == u'"') {
                QString key;
                const qsizetype end = readQuoted(path, i + 1, &key);
                if (end < 0 || end >= path.size() || path.at(end) != u']')
                    return fail();
                steps.append(JsonPathStep::member(key));
                i = end + 1;
            } else {
                const qsizetype close = path.indexOf(u']', i);
                if (close < 0)
                    return fail();
                const QStringView digits = path.sliced(i + 1, close - i - 1);
                bool isNumber = false;
                const qlonglong index = digits.toLongLong(&isNumber);
                if (!isNumber || index < 0 || digits.startsWith(u'+') || digits.startsWith(u'-'))
                    return fail();
                steps.append(JsonPathStep::element(qsizetype(index)));
                i = close + 1;
            }
            expectMember = false;
        } else if (c == u'.') {
            if (expectMember)
                return fail(); // empty member name: "a..b" or ".a"
            expectMember = true;
            ++i;
        } else {
            if (!expectMember)
                return fail(); // "a[0]b"
            qsizetype end = i;
            while (end < path.size() && !isSpecial(path.at(end)))
                ++end;
            if (end < path.size() && path.at(end) != u'.' && path.at(end) != u'[')
                return fail();
            steps.append(JsonPathStep::member(path.sliced(i, end - i).toString()));
            i = end;
            expectMember = false;
        }
    }
    if (expectMember && !steps.isEmpty())
        return fail(); // trailing '.'
    if (ok)
        *ok = true;
    return steps;
}

QJsonValue JsonPath::resolve(const QJsonValue &root, const QList<JsonPathStep> &steps) {
    QJsonValue value = root;
    for (const JsonPathStep &step : steps) {
        if (step.isIndex()) {
            if (!value.isArray())
                return QJsonValue(QJsonValue::Undefined);
            const QJsonArray array = value.toArray();
            if (step.index >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            value = array.at(step.index);
        } else {
            if (!value.isObject())
                return QJsonValue(QJsonValue::Undefined);
            value = value.toObject().value(step.key);
        }
    }
    return value;
}

QJsonValue JsonPath::resolve(const QJsonValue &root, QStringView path) {
    bool ok = false;
    const QList<JsonPathStep> steps = parse(path, &ok);
    return ok ? resolve(root, steps) : QJsonValue(QJsonValue::Undefined);
}
