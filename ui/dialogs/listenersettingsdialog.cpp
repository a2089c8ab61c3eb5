#include "listenersettingsdialog.h"

#include "http/httplistener.h"
#include "http/responserules.h"
#include "live/listenersettings.h"
#include "mebibytespinbox.h"
#include "mews/deliveryoutcome.h"
#include "responsepreset.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace {

QSpinBox *spinBox(int minimum, int maximum, int value, const QString &suffix, QWidget *parent) {
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setValue(value);
    box->setSuffix(suffix);
    return box;
}

} // namespace

ListenerSettingsDialog::ListenerSettingsDialog(const ListenerConfig &config, QWidget *parent)
    : QDialog(parent)
    , m_base(config)
    , m_bind(new QComboBox(this))
    , m_port(spinBox(0, 65535, config.port, QString(), this))
    , m_token(new QLineEdit(config.token, this))
    , m_maxBody(new MebibyteSpinBox(this))
    , m_timeout(spinBox(1, ListenerConfig::MaxRequestTimeoutSeconds,
                        qMax(1, config.requestTimeoutMs / 1000), QStringLiteral(" s"), this))
    , m_connections(
          spinBox(1, ListenerConfig::MaxConnectionsLimit, config.maxConnections, QString(), this))
    , m_status(spinBox(200, 599, config.response.status, QString(), this))
    , m_headers(new QPlainTextEdit(ListenerSettings::headersText(config.response.headers), this))
    , m_body(new QPlainTextEdit(QString::fromUtf8(config.response.body), this))
    , m_delay(spinBox(0, ListenerConfig::MaxResponseDelayMs, config.response.delayMs,
                      QStringLiteral(" ms"), this))
    , m_preset(new QComboBox(this))
    , m_outcome(new QLabel(this))
    , m_error(new QLabel(this)) {
    setWindowTitle(QStringLiteral("Listener settings"));
    m_bind->setEditable(true);
    m_bind->addItems({QStringLiteral("127.0.0.1"), QStringLiteral("::1"), QStringLiteral("0.0.0.0"),
                      QStringLiteral("::")});
    m_bind->setCurrentText(config.bindAddress.toString());
    m_bind->setToolTip(QStringLiteral("127.0.0.1 accepts only this machine (and a tunnel such as "
                                      "ngrok or cloudflared); 0.0.0.0 accepts the network too"));
    m_port->setSpecialValueText(QStringLiteral("any free port"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(QStringLiteral("none: every request is accepted"));
    m_token->setToolTip(QStringLiteral("When set, requests must carry ?Token=<token>, as Mews "
                                       "sends it in the webhook URL you register"));
    QAction *show = m_token->addAction(QIcon(), QLineEdit::TrailingPosition);
    show->setText(QStringLiteral("Show"));
    show->setCheckable(true);
    show->setToolTip(QStringLiteral("Show the token"));
    show->setIcon(style()->standardIcon(QStyle::SP_FileDialogContentsView));
    connect(show, &QAction::toggled, this, [this](bool shown) {
        m_token->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    m_maxBody->setBytes(config.maxBodyBytes);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : {m_headers, m_body}) {
        edit->setFont(fixed);
        edit->setTabChangesFocus(true);
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4 + 12);
    }
    m_headers->setPlaceholderText(QStringLiteral("Content-Type: application/json"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(QStringLiteral("color: #d03030"));
    m_error->hide();

    auto *listen = new QGroupBox(QStringLiteral("Listen"), this);
    auto *listenForm = new QFormLayout(listen);
    listenForm->addRow(QStringLiteral("Bind address:"), m_bind);
    listenForm->addRow(QStringLiteral("Port:"), m_port);
    listenForm->addRow(QStringLiteral("Token:"), m_token);
    listenForm->addRow(QStringLiteral("Body limit:"), m_maxBody);
    listenForm->addRow(QStringLiteral("Request timeout:"), m_timeout);
    listenForm->addRow(QStringLiteral("Max connections:"), m_connections);
    m_preset->addItem(QStringLiteral("Custom"));
    for (const ResponsePreset &preset : ResponsePreset::all())
        m_preset->addItem(preset.name);
    m_preset->setToolTip(QStringLiteral("Ready-made answers, to see how your integration fares "
                                        "with each way Mews can take a delivery"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextFormat(Qt::PlainText);
    connect(m_preset, &QComboBox::activated, this, &ListenerSettingsDialog::applyPreset);
    connect(m_status, &QSpinBox::valueChanged, this, &ListenerSettingsDialog::answerEdited);
    connect(m_delay, &QSpinBox::valueChanged, this, &ListenerSettingsDialog::answerEdited);
    connect(m_headers, &QPlainTextEdit::textChanged, this, &ListenerSettingsDialog::answerEdited);
    connect(m_body, &QPlainTextEdit::textChanged, this, &ListenerSettingsDialog::answerEdited);
    answerEdited();

    auto *answer = new QGroupBox(QStringLiteral("Answer every accepted request with"), this);
    auto *answerForm = new QFormLayout(answer);
    answerForm->addRow(QStringLiteral("Preset:"), m_preset);
    answerForm->addRow(QStringLiteral("Status:"), m_status);
    answerForm->addRow(QStringLiteral("Headers:"), m_headers);
    answerForm->addRow(QStringLiteral("Body:"), m_body);
    answerForm->addRow(QStringLiteral("Delay:"), m_delay);
    answerForm->addRow(QStringLiteral("For Mews:"), m_outcome);
    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ListenerSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ListenerSettingsDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] {
                const ListenerConfig defaults;
                m_bind->setCurrentText(defaults.bindAddress.toString());
                m_port->setValue(defaults.port);
                m_maxBody->setBytes(defaults.maxBodyBytes);
                m_timeout->setValue(defaults.requestTimeoutMs / 1000);
                m_connections->setValue(defaults.maxConnections);
                m_status->setValue(defaults.response.status);
                m_headers->setPlainText(ListenerSettings::headersText(defaults.response.headers));
                m_body->setPlainText(QString::fromUtf8(defaults.response.body));
                m_delay->setValue(defaults.response.delayMs);
            });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(listen);
    layout->addWidget(answer);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

std::optional<ListenerConfig> ListenerSettingsDialog::config(QString *error) const {
    ListenerConfig config = m_base;
    const QHostAddress address(m_bind->currentText().trimmed());
    if (address.isNull()) {
        *error = QStringLiteral("The bind address \"%1\" is not an IP address.")
                     .arg(m_bind->currentText());
        return std::nullopt;
    }
    config.bindAddress = address;
    config.port = quint16(m_port->value());
    config.token = m_token->text();
    config.maxBodyBytes = m_maxBody->bytes();
    config.requestTimeoutMs = m_timeout->value() * 1000;
    config.maxConnections = m_connections->value();
    QString headerError;
    const std::optional<ResponseSpec> response = editedResponse(&headerError);
    if (!response) {
        *error = QStringLiteral("Response headers: ") + headerError;
        return std::nullopt;
    }
    config.response = *response;
    const QString problem = HttpListener::checkConfig(config);
    if (!problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    return config;
}

void ListenerSettingsDialog::applyPreset(int index) {
    const QList<ResponsePreset> &presets = ResponsePreset::all();
    if (index < 1 || index > presets.size())
        return; // "Custom" keeps what is there
    const ResponseSpec &response = presets.at(index - 1).response;
    m_status->setValue(response.status);
    m_headers->setPlainText(ListenerSettings::headersText(response.headers));
    m_body->setPlainText(QString::fromUtf8(response.body));
    m_delay->setValue(response.delayMs);
    answerEdited();
}

std::optional<ResponseSpec> ListenerSettingsDialog::editedResponse(QString *headerError) const {
    ResponseSpec response;
    response.status = m_status->value();
    response.delayMs = m_delay->value();
    response.body = m_body->toPlainText().toUtf8();
    if (!ListenerSettings::parseHeaders(m_headers->toPlainText(), &response.headers, headerError))
        return std::nullopt;
    // as --response-header: a field the listener would drop is refused, not ignored
    if (const QString owned = ResponseRules::checkHeaders(response.headers); !owned.isEmpty()) {
        if (headerError)
            *headerError = owned;
        return std::nullopt;
    }
    return response;
}

void ListenerSettingsDialog::answerEdited() {
    QString ignored; // OK reports it
    const std::optional<ResponseSpec> response = editedResponse(&ignored);
    m_preset->setCurrentIndex(response ? ResponsePreset::indexOf(*response) + 1 : 0);
    m_outcome->setText(DeliveryOutcome::of(m_status->value(), m_delay->value()).text);
}

void ListenerSettingsDialog::setApply(Apply apply) {
    m_apply = std::move(apply);
}

void ListenerSettingsDialog::accept() {
    QString error;
    const std::optional<ListenerConfig> edited = config(&error);
    if (!edited) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    if (m_apply && !m_apply(*edited, &error)) {
        // Refused where it listens (a port in use): the user picks another one here.
        m_error->setText(error);
        m_error->show();
        m_port->setFocus();
        m_port->selectAll();
        return;
    }
    QDialog::accept();
}
