#include "entityformmodel.h"

#include "jsontext.h"

EntityFormModel::EntityFormModel(QObject *parent)
    : QAbstractItemModel(parent) {
}

void EntityFormModel::setForm(const EntityForm &form, const QList<ContractFinding> &findings) {
    setForm(form, FindingIndex(findings));
}

void EntityFormModel::setForm(const EntityForm &form, const FindingIndex &findings) {
    beginResetModel();
    m_form = form;
    m_findings = findings;
    m_rows.clear();
    m_topLevel.clear();
    m_linked.clear();
    // Rows point into m_form, which is only read from here on (no detach).
    addRows(std::as_const(m_form).fields, 0, -1);
    endResetModel();
}

void EntityFormModel::clear() {
    setForm(EntityForm(), FindingIndex());
}

void EntityFormModel::addRows(const QList<EntityFormField> &fields, qsizetype omitted, int parent) {
    QList<int> ids;
    for (const EntityFormField &field : fields) {
        const int id = int(m_rows.size());
        m_rows.append(Row{&field, 0, parent, int(ids.size()), {}});
        ids.append(id);
        addRows(field.children, field.omittedChildren, id);
    }
    if (omitted > 0) {
        m_rows.append(Row{nullptr, omitted, parent, int(ids.size()), {}});
        ids.append(int(m_rows.size() - 1));
    }
    if (parent < 0)
        m_topLevel = ids;
    else
        m_rows[parent].children = ids;
}

void EntityFormModel::setLinkedIds(const QSet<QString> &ids) {
    m_linked = ids;
    emitAllChanged();
}

QList<std::pair<QString, QString>> EntityFormModel::referencedIds() const {
    QList<std::pair<QString, QString>> ids;
    QSet<QString> seen;
    for (const Row &row : m_rows) {
        if (!row.field)
            continue;
        const QString id = row.field->referencedId();
        if (!id.isEmpty() && !seen.contains(id)) {
            seen.insert(id);
            ids.append({id, row.field->refersTo});
        }
    }
    return ids;
}

void EntityFormModel::setSecretsRevealed(bool revealed) {
    if (revealed == m_revealed)
        return;
    m_revealed = revealed;
    emitAllChanged();
}

void EntityFormModel::emitAllChanged() {
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        if (row.field && row.row == 0) {
            const int siblings =
                int(row.parent < 0 ? m_topLevel.size() : m_rows.at(row.parent).children.size());
            Q_EMIT dataChanged(
                createIndex(0, 0, quintptr(i)),
                createIndex(siblings - 1, ColumnCount - 1,
                            quintptr(row.parent < 0
                                         ? m_topLevel.at(siblings - 1)
                                         : m_rows.at(row.parent).children.at(siblings - 1))));
        }
    }
}

QModelIndex EntityFormModel::indexForPath(const QString &path) const {
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        if (row.field && row.field->path == path)
            return createIndex(row.row, 0, quintptr(i));
    }
    return {};
}

const QList<int> &EntityFormModel::childrenOf(const QModelIndex &parent) const {
    return parent.isValid() ? m_rows.at(qsizetype(parent.internalId())).children : m_topLevel;
}

QModelIndex EntityFormModel::index(int row, int column, const QModelIndex &parent) const {
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    const QList<int> &children = childrenOf(parent);
    if (row < 0 || row >= children.size())
        return {};
    return createIndex(row, column, quintptr(children.at(row)));
}

QModelIndex EntityFormModel::parent(const QModelIndex &child) const {
    if (!child.isValid())
        return {};
    const int parent = m_rows.at(qsizetype(child.internalId())).parent;
    if (parent < 0)
        return {};
    return createIndex(m_rows.at(parent).row, 0, quintptr(parent));
}

int EntityFormModel::rowCount(const QModelIndex &parent) const {
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(childrenOf(parent).size());
}

int EntityFormModel::columnCount(const QModelIndex &) const {
    return ColumnCount;
}

QString EntityFormModel::valueText(const Row &row) const {
    const EntityFormField &field = *row.field;
    switch (field.status) {
    case EntityFormField::Status::Missing:
        return QStringLiteral("missing");
    case EntityFormField::Status::NotSent:
        return QStringLiteral("not sent");
    case EntityFormField::Status::Sent:
    case EntityFormField::Status::NotKnown:
        break;
    }
    if (field.secret && !m_revealed && !field.value.isObject() && !field.value.isArray())
        return JsonText::masked(field.value);
    return JsonText::display(field.value);
}

QString EntityFormModel::toolTip(const Row &row) const {
    const EntityFormField &field = *row.field;
    QStringList lines;
    QString heading = field.name;
    if (!field.typeLabel.isEmpty())
        heading += QStringLiteral(" — ") + field.typeLabel;
    if (field.status == EntityFormField::Status::Missing)
        heading += QStringLiteral(" (required, missing)");
    else if (field.status == EntityFormField::Status::NotSent)
        heading += QStringLiteral(" (optional, not sent)");
    lines.append(heading);
    if (!field.description.isEmpty())
        lines.append(field.description);
    if (!field.refersTo.isEmpty())
        lines.append(QStringLiteral("The Id of a %1.").arg(field.refersTo));
    if (field.secret && !m_revealed)
        lines.append(QStringLiteral("Secret: masked until you reveal secrets."));
    lines.append(m_findings.messagesAt(field.path));
    return lines.join(u'\n');
}

QVariant EntityFormModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid())
        return {};
    const Row &row = m_rows.at(qsizetype(index.internalId()));
    if (!row.field) {
        if (role == Qt::DisplayRole && index.column() == LabelColumn)
            return QStringLiteral("… %1 more (see the JSON tree)").arg(row.omitted);
        return {};
    }
    const EntityFormField &field = *row.field;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LabelColumn:
            return field.label;
        case ValueColumn:
            return valueText(row);
        case TypeColumn:
            return field.status == EntityFormField::Status::NotKnown
                       ? field.typeLabel + QStringLiteral(", not known to this version")
                       : field.typeLabel;
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(row);
    case PathRole:
        return field.path;
    case FindingSeverityRole: {
        const std::optional<FindingSeverity> worst = m_findings.worstAtOrUnder(field.path);
        return worst ? QVariant(int(*worst)) : QVariant();
    }
    case FindingMessagesRole:
        return m_findings.messagesAt(field.path);
    case OwnFindingSeverityRole: {
        const std::optional<FindingSeverity> own = m_findings.worstAt(field.path);
        return own ? QVariant(int(*own)) : QVariant();
    }
    case SecretRole:
        return field.secret;
    case FieldNameRole:
        return field.name;
    case DescriptionRole:
        return field.description;
    case RefersToRole:
        return field.refersTo;
    case ReferencedIdRole:
        return field.referencedId();
    case LinkRole:
        return !field.referencedId().isEmpty() && m_linked.contains(field.referencedId());
    case StatusRole:
        return int(field.status);
    case RequiredRole:
        return field.required;
    case CopyTextRole:
        if (!field.isSent())
            return QString();
        if (field.secret && !m_revealed)
            return valueText(row);
        return JsonText::copyText(field.value, !m_revealed);
    }
    return {};
}

QVariant EntityFormModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LabelColumn:
        return QStringLiteral("Field");
    case ValueColumn:
        return QStringLiteral("Value");
    case TypeColumn:
        return QStringLiteral("Type");
    }
    return {};
}

Qt::ItemFlags EntityFormModel::flags(const QModelIndex &index) const {
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}
