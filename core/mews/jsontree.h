#pragma once

#include "mewsanalysis.h"

#include <QByteArrayView>
#include <QHash>
#include <QJsonValue>
#include <QLatin1String>
#include <QString>
#include <QStringView>

#include <optional>
#include <vector>

class JsonTree;

/// An unpaired UTF-16 surrogate escape (\ud800) in a string or member name. RFC 8259
/// allows it, but it stands for no character, so JSON readers reject it, keep it or
/// replace it; the value read holds U+FFFD in its place.
struct JsonUnpairedSurrogate {
    QString path;        ///< of the string, or of the member whose name holds it
    bool inName = false; ///< in the member name at path rather than in a string value
    JsonError where;     ///< the escape; message is the escape as sent, e.g. "\ud800"

    friend bool operator==(const JsonUnpairedSurrogate &, const JsonUnpairedSurrogate &) = default;
};

/**
 * One value of a JsonTree: a view that costs two words and is valid while its tree
 * lives. Reads like QJsonValue: a missing member or a value of the wrong kind reads as
 * empty (an empty string, 0, false, no members).
 */
class JsonNode {
public:
    enum Type : quint8 { Undefined, Null, Bool, Number, String, Array, Object };

    JsonNode() = default;

    Type type() const;
    bool isUndefined() const { return type() == Undefined; }
    bool isNull() const { return type() == Null; }
    bool isBool() const { return type() == Bool; }
    bool isNumber() const { return type() == Number; }
    bool isString() const { return type() == String; }
    bool isArray() const { return type() == Array; }
    bool isObject() const { return type() == Object; }

    bool toBool() const;
    /// A number's value, or the nearest double to it: ±infinity beyond the largest double.
    double toDouble() const;
    /// A number as it was written ("1e400", "-0", "1.0"), borrowed from the tree; empty for
    /// anything else. JsonNumber reads it exactly.
    QStringView numberText() const;
    /// The text of a string, borrowed from the tree; empty for anything else.
    QStringView stringView() const;
    QString toString() const { return stringView().toString(); }

    /// The name of this value when it is a member of an object; empty otherwise.
    QStringView key() const;
    /// Members of an object or elements of an array; 0 for anything else.
    qsizetype size() const;
    /// The member called name (the first, in the rare tree that repeats names), or Undefined.
    JsonNode value(QLatin1String name) const;
    JsonNode value(QStringView name) const;
    bool contains(QLatin1String name) const { return !value(name).isUndefined(); }
    bool contains(QStringView name) const { return !value(name).isUndefined(); }

    /// The members or elements, in the order they were written.
    class Iterator {
    public:
        JsonNode operator*() const { return JsonNode(m_tree, m_index); }
        Iterator &operator++();
        friend bool operator==(const Iterator &, const Iterator &) = default;

    private:
        friend class JsonNode;
        Iterator(const JsonTree *tree, quint32 index)
            : m_tree(tree)
            , m_index(index) {}
        const JsonTree *m_tree;
        quint32 m_index;
    };
    Iterator begin() const;
    Iterator end() const;

private:
    friend class JsonTree;
    friend class JsonTreeParser;
    JsonNode(const JsonTree *tree, quint32 index)
        : m_tree(tree)
        , m_index(index) {}

    const JsonTree *m_tree = nullptr;
    quint32 m_index = 0;
};

/**
 * A parsed JSON document in two allocations: a flat array of values in document order
 * (each container followed by its members) and one UTF-16 buffer holding every decoded
 * string and member name. The decoder's checks read it through JsonNode views, so no
 * value, key or string is allocated on its own, and freeing it is two frees.
 *
 * parse() accepts exactly RFC 8259 JSON, numbers beyond the range of a double included
 * (they keep the text they were written as), and unpaired surrogate escapes (read as
 * U+FFFD and listed in unpairedSurrogates()): anything else (a byte order mark, a raw
 * control character in a string, invalid UTF-8, nesting deeper than MaxDepth) fails, and
 * the caller turns to LenientJson, which says where and why. Runs in linear time without recursion
 * (n log n to find repeated names in objects wider than a few dozen members).
 */
class JsonTree {
public:
    static constexpr int MaxDepth = 1024;

    /// The tree of strict JSON text, or nothing.
    static std::optional<JsonTree> parse(QByteArrayView text);
    /// The tree of a value read some other way (LenientJson's repairs). `numberTexts` gives
    /// the text of numbers, by path, that the value does not hold as they were written
    /// (LenientJsonResult::numberTexts); every other number reads as its shortest text.
    static JsonTree fromValue(const QJsonValue &value,
                              const QHash<QString, QString> &numberTexts = {});

    JsonNode root() const { return JsonNode(this, 0); }
    /// Some object names a member twice (valid JSON, but receivers may disagree).
    bool hasRepeatedNames() const { return m_repeatedNames; }
    /// The unpaired surrogate escapes parse() met, in text order (at most
    /// MaxRecordedSurrogates of them), and how many there were in all.
    const QList<JsonUnpairedSurrogate> &unpairedSurrogates() const { return m_unpaired; }
    qsizetype unpairedSurrogateCount() const { return m_unpairedCount; }

    static constexpr qsizetype MaxRecordedSurrogates = 50;

private:
    friend class JsonNode;
    friend class JsonTreeParser;

    struct Item {
        double number = 0;
        quint32 end = 0;       ///< the index after this value and everything inside it
        quint32 size = 0;      ///< members or elements; a string's or number's length
        quint32 text = 0;      ///< a string's or number's offset in m_strings
        quint32 keyOffset = 0; ///< the member name's offset in m_strings
        quint32 keyLength = 0;
        JsonNode::Type type = JsonNode::Undefined;
        bool boolean = false;
    };

    const Item *item(quint32 index) const {
        return index < m_items.size() ? &m_items[index] : nullptr;
    }
    QStringView text(quint32 offset, quint32 length) const {
        return QStringView(m_strings.constData() + offset, qsizetype(length));
    }
    void addValue(const QJsonValue &value, QStringView key,
                  const QHash<QString, QString> &numberTexts, const QString &path);
    quint32 appendText(QStringView text);
    QString pathOf(quint32 index) const;

    std::vector<Item> m_items;
    QString m_strings;
    bool m_repeatedNames = false;
    QList<JsonUnpairedSurrogate> m_unpaired;
    qsizetype m_unpairedCount = 0;
};

// Inline: every look at a node starts here.
inline JsonNode::Type JsonNode::type() const {
    const JsonTree::Item *item = m_tree ? m_tree->item(m_index) : nullptr;
    return item ? item->type : Undefined;
}
