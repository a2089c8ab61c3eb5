#include "jsontreemodel.h"

#include "jsontext.h"
#include "mews/contractschema.h"
#include "mews/jsonpath.h"
#include "mews/secrets.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

struct JsonTreeModel::Node {
    Node *parent = nullptr;
    int row = 0;
    QString key;          ///< member name; null for elements and the root
    qsizetype index = -1; ///< element index
    QJsonValue value;
    QString path;
    bool secret = false;
    std::optional<FindingSeverity> severity;
    bool childrenSized = false;
    std::vector<std::unique_ptr<Node>> children; ///< null until a view asks for the row
    bool contractLoaded = false;
    QString contractLabel;
    QString contractType;
    QString description;
};

namespace {

bool isContainer(const QJsonValue &value) {
    return value.isObject() || value.isArray();
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>()) {
}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setBody(const JsonBody &body, const QList<ContractFinding> &findings) {
    setBody(body, FindingIndex(findings));
}

void JsonTreeModel::setBody(const JsonBody &body, const FindingIndex &findings) {
    beginResetModel();
    m_body = body;
    m_findings = findings;
    m_secretNodes.clear();
    m_root = std::make_unique<Node>();
    m_root->value = body.root;
    endResetModel();
}

void JsonTreeModel::clear() {
    setBody(JsonBody(), FindingIndex());
}

void JsonTreeModel::setSecretsRevealed(bool revealed) {
    if (revealed == m_revealed)
        return;
    m_revealed = revealed;
    for (Node *node : m_secretNodes) {
        const QModelIndex changed = createIndex(node->row, ValueColumn, node);
        Q_EMIT dataChanged(changed, changed);
    }
}

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const {
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

int JsonTreeModel::childCount(const Node *node) const {
    if (node == m_root.get() && !isContainer(node->value))
        return m_body.isReadable() && !node->value.isUndefined() ? 1 : 0;
    if (node->value.isObject())
        return int(node->value.toObject().size());
    if (node->value.isArray())
        return int(node->value.toArray().size());
    return 0;
}

JsonTreeModel::Node *JsonTreeModel::child(Node *parent, int row) const {
    if (!parent->childrenSized) {
        parent->children.resize(size_t(childCount(parent)));
        parent->childrenSized = true;
    }
    if (row < 0 || size_t(row) >= parent->children.size())
        return nullptr;
    std::unique_ptr<Node> &slot = parent->children[size_t(row)];
    if (slot)
        return slot.get();

    auto node = std::make_unique<Node>();
    node->parent = parent;
    node->row = row;
    if (parent == m_root.get() && !isContainer(parent->value)) {
        node->value = parent->value; // a bare scalar body: one row, path ""
    } else if (parent->value.isObject()) {
        const QJsonObject object = parent->value.toObject();
        const auto it = object.constBegin() + row;
        node->key = it.key();
        node->value = it.value();
        node->path = JsonPath::appendKey(parent->path, node->key);
    } else {
        node->index = row;
        node->value = parent->value.toArray().at(row);
        node->path = JsonPath::appendIndex(parent->path, row);
    }
    node->secret = parent->secret || (!node->key.isNull() && Secrets::isSecretKey(node->key));
    if (!node->path.isEmpty())
        node->severity = m_findings.worstAtOrUnder(node->path);
    if (node->secret)
        m_secretNodes.push_back(node.get());
    slot = std::move(node);
    return slot.get();
}

void JsonTreeModel::loadContract(Node *node) const {
    if (node->contractLoaded)
        return;
    node->contractLoaded = true;
    if (node->path.isEmpty())
        return;
    const std::optional<FieldDescriptor> field =
        ContractSchema::instance().fieldForPath(m_body.root, node->path);
    if (!field)
        return;
    node->contractLabel = field->label;
    node->contractType = field->typeLabel;
    node->description = field->description;
}

QString JsonTreeModel::valueText(const Node *node) const {
    if (node->value.isDouble() && !m_body.numberTexts.isEmpty()) {
        // As sent: 1e400 is no infinity to the sender.
        const auto sent = m_body.numberTexts.constFind(node->path);
        if (sent != m_body.numberTexts.cend())
            return node->secret && !m_revealed ? Secrets::mask(*sent) : *sent;
    }
    if (node->secret && !m_revealed)
        return JsonText::masked(node->value);
    return JsonText::display(node->value);
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const {
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    Node *node = child(nodeOf(parent), row);
    return node ? createIndex(row, column, node) : QModelIndex();
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const {
    if (!child.isValid())
        return {};
    const Node *node = nodeOf(child);
    if (!node->parent || node->parent == m_root.get())
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const {
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return childCount(nodeOf(parent));
}

int JsonTreeModel::columnCount(const QModelIndex &) const {
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const {
    return rowCount(parent) > 0;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid())
        return {};
    Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            if (!node->key.isNull())
                return node->key;
            return node->index >= 0 ? u'[' + QString::number(node->index) + u']'
                                    : QStringLiteral("(body)");
        case ValueColumn:
            return valueText(node);
        case TypeColumn:
            return JsonText::typeName(node->value);
        }
        return {};
    case Qt::ToolTipRole: {
        loadContract(node);
        QStringList lines;
        if (!node->contractLabel.isEmpty())
            lines.append(node->contractLabel + QStringLiteral(" — ") + node->contractType);
        if (!node->description.isEmpty())
            lines.append(node->description);
        if (node->secret && !m_revealed)
            lines.append(QStringLiteral("Secret: masked until you reveal secrets."));
        lines.append(m_findings.messagesAt(node->path));
        if (lines.isEmpty())
            return {};
        return lines.join(u'\n');
    }
    case PathRole:
        return node->path;
    case FindingSeverityRole:
        return node->severity ? QVariant(int(*node->severity)) : QVariant();
    case FindingMessagesRole:
        return m_findings.messagesAt(node->path);
    case OwnFindingSeverityRole: {
        const std::optional<FindingSeverity> own = m_findings.worstAt(node->path);
        return own ? QVariant(int(*own)) : QVariant();
    }
    case SecretRole:
        return node->secret;
    case CopyTextRole:
        if (node->value.isDouble())
            return valueText(node);
        if (node->secret && !m_revealed)
            return isContainer(node->value) ? JsonText::display(node->value)
                                            : JsonText::masked(node->value);
        return JsonText::copyText(node->value, !m_revealed);
    case JsonTypeRole:
        return JsonText::typeName(node->value);
    case ContractTypeRole:
        loadContract(node);
        return node->contractType;
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return QStringLiteral("Key");
    case ValueColumn:
        return QStringLiteral("Value");
    case TypeColumn:
        return QStringLiteral("Type");
    }
    return {};
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const {
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

QString JsonTreeModel::pathOf(const QModelIndex &index) const {
    return index.isValid() ? nodeOf(index)->path : QString();
}

QModelIndex JsonTreeModel::indexForPath(const QString &path, bool *exact) const {
    if (exact)
        *exact = false;
    bool ok = false;
    const QList<JsonPathStep> steps = JsonPath::parse(path, &ok);
    if (!ok)
        return {};
    Node *node = m_root.get();
    if (steps.isEmpty()) {
        if (isContainer(node->value) || childCount(node) == 0)
            return {};
        if (exact)
            *exact = true;
        return createIndex(0, 0, child(node, 0));
    }
    if (!isContainer(node->value))
        return {};
    QModelIndex found;
    for (const JsonPathStep &step : steps) {
        int row = -1;
        if (step.isIndex() && node->value.isArray()) {
            if (step.index < node->value.toArray().size())
                row = int(step.index);
        } else if (!step.isIndex() && node->value.isObject()) {
            const QJsonObject object = node->value.toObject();
            const auto it = object.constFind(step.key);
            if (it != object.constEnd())
                row = int(it - object.constBegin());
        }
        if (row < 0)
            return found;
        node = child(node, row);
        found = createIndex(row, 0, node);
    }
    if (exact)
        *exact = true;
    return found;
}
