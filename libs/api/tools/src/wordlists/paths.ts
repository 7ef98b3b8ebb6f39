/**
 * The bundled content-discovery wordlists, most likely paths first so a cancelled run has still tried the
 * best guesses. Drawn from what public lists (SecLists common/raft) and real reports hit most: panels,
 * API docs, source control and secrets left in the web root, backups, logs and framework debug routes.
 * Kept as whitespace-separated blocks because a thousand one-per-line strings hide the groups.
 */
const words = (block: string): string[] => block.split(/\s+/).filter(Boolean);

const SMALL = words(`
admin administrator admin.php login login.php logout register signup dashboard console portal manager
api api/v1 api/v2 graphql swagger swagger-ui.html swagger.json openapi.json v1 v2
.git/HEAD .git/config .gitignore .svn/entries .DS_Store .env .env.local .env.production .htaccess
.htpasswd
.aws/credentials id_rsa web.config config config.php config.php.bak config.json config.yml settings.php
backup backups backup.zip backup.tar.gz backup.sql db.sql dump.sql database.sql www.zip site.zip
robots.txt sitemap.xml crossdomain.xml security.txt .well-known/security.txt humans.txt favicon.ico
wp-admin wp-login.php wp-content wp-includes wp-json xmlrpc.php wp-config.php.bak
phpinfo.php info.php phpmyadmin server-status server-info status health healthz metrics
actuator actuator/health actuator/env trace.axd elmah.axd
test test.php tmp temp old dev staging debug
uploads upload files static assets images img js css includes vendor node_modules
package.json composer.json README.md CHANGELOG.md cgi-bin private secret user users account docs search
index.php index.html
`);

/** Medium adds these after the small list, so it starts with the same best guesses. */
const MEDIUM_EXTRA = words(`
admin/login admin/index.php admin/config adminer adminer.php admin-console adminpanel administration
cpanel controlpanel panel backend backoffice manage management moderator webadmin sysadmin root
auth authenticate authentication oauth oauth2 oauth/token oauth/authorize sso saml login.html login.jsp
login.aspx signin sign-in signout logoff session sessions password forgot-password forgot reset
reset-password recover join profile profiles me settings preferences members member customer customers
client clients partner partners staff employee employees team teams roles permissions groups token
tokens jwks.json 2fa mfa otp verify verification activate confirm invite invitations
.well-known/jwks.json .well-known/openid-configuration .well-known/oauth-authorization-server
.well-known/assetlinks.json .well-known/apple-app-site-association .well-known/change-password
.well-known/host-meta .well-known/webfinger .well-known/nodeinfo
api/v3 api/v4 api/docs api-docs api/swagger api/swagger.json api/openapi.json api/graphql api/health
api/status api/users api/user api/admin api/login api/auth api/config api/internal api/private
api/public api/test api/debug api/version api/me api/keys apis rest restapi rest/v1 soap wsdl services
service ws webservice webservices json xml rpc jsonrpc graphiql playground altair graphql/console gql
query v3 v1/users v1/api-docs v2/api-docs v3/api-docs
swagger-ui swagger-ui/index.html swagger-resources swagger/index.html swagger/v1/swagger.json
swagger.yaml openapi openapi.yaml redoc docs/api api.json api.yaml schema schema.json
internal mobile app apps application webhook webhooks callback callbacks events socket.io
actuator/info actuator/metrics actuator/mappings actuator/beans actuator/configprops actuator/heapdump
actuator/threaddump actuator/loggers actuator/trace actuator/httptrace actuator/prometheus
actuator/gateway/routes actuator/jolokia actuator/logfile actuator/scheduledtasks actuator/sessions
actuator/shutdown actuator/auditevents actuator/caches actuator/conditions actuator/flyway
actuator/liquibase
jolokia jolokia/list env heapdump trace mappings beans dump jmx-console web-console
invoker/JMXInvokerServlet manager/html manager/status host-manager/html WEB-INF/web.xml
META-INF/MANIFEST.MF struts servlet axis2 axis solr solr/admin jenkins hudson script
phpMyAdmin pma myadmin mysql sql phpinfo php.ini info i.php test.html test.txt shell.php cmd.php
upload.php uploader.php file.php download.php index.php.bak index.bak index.old index.php~
config.inc.php config.inc configuration.php settings.py local.xml app/etc/local.xml includes/config.php
inc inc/config.php db.php database.php connect.php connection.php conn.php functions.php common.php
global.php install install.php installer setup setup.php upgrade upgrade.php update update.php
vendor/autoload.php vendor/composer/installed.json composer.lock artisan storage
storage/logs/laravel.log laravel.log telescope horizon _ignition/health-check _profiler
_profiler/phpinfo app_dev.php app.php config/database.yml config/secrets.yml config/master.key
rails/info/properties rails/info/routes sidekiq
wp-config.php wp-config.php.old wp-config.php~ wp-config.txt wp-config.bak wp-config.php.save
wp-content/uploads wp-content/plugins wp-content/themes wp-content/debug.log wp-json/wp/v2/users
wp-cron.php wp-signup.php wp-trackback.php wp-links-opml.php wp-mail.php wp-load.php wp-settings.php
wp-blog-header.php wp wordpress blog readme.html license.txt wp-admin/admin-ajax.php
wp-admin/install.php wp-admin/setup-config.php
joomla administrator/index.php drupal user/login node sites/default/settings.php CHANGELOG.txt typo3
typo3conf umbraco sitecore magento downloader craft ghost strapi
.git .git/index .git/logs/HEAD .git/ORIG_HEAD .git/FETCH_HEAD .git/description .git/packed-refs
.git/refs/heads/master .git/refs/heads/main .gitattributes .gitmodules .gitlab-ci.yml .github/workflows
.travis.yml .circleci/config.yml Jenkinsfile .svn .svn/wc.db .hg .hg/hgrc .bzr CVS/Root CVS/Entries
.idea .idea/workspace.xml .vscode .vscode/settings.json .project .classpath .settings .editorconfig
.npmrc .yarnrc .dockerignore Dockerfile docker-compose.yml docker-compose.yaml Makefile Gemfile
Gemfile.lock requirements.txt Pipfile Pipfile.lock pyproject.toml setup.py yarn.lock package-lock.json
bower.json gulpfile.js Gruntfile.js webpack.config.js tsconfig.json .babelrc .eslintrc
.bash_history .bashrc .profile .ssh/id_rsa .ssh/authorized_keys .ssh/known_hosts id_rsa.pub id_dsa
id_ecdsa id_ed25519 .aws/config .s3cfg .boto .netrc .pgpass .my.cnf .mysql_history .psql_history
.viminfo .history .sh_history .zsh_history
.env.dev .env.development .env.prod .env.staging .env.test .env.backup .env.bak .env.old .env.example
.env.sample .env~ env.js config.js settings.json appsettings.json appsettings.Development.json
web.config.bak web.config.old Web.config global.asax .user.ini php.ini.bak .htaccess.bak .htaccess.old
.htpasswd.bak
backup.tar backup.tgz backup.rar backup.7z backup.bak backup.old backup.sql.gz backups.zip back bak
old.zip www.tar.gz www.tar site.tar.gz site.sql web.zip website.zip html.zip public.zip public_html.zip
htdocs.zip src.zip source.zip code.zip app.zip archive.zip archive archives data.zip data.sql db.zip
db.tar.gz db_backup.sql dump.zip dump.tar.gz mysql.sql mysqldump.sql users.sql sql.zip database.zip
database.sql.gz db.sqlite db.sqlite3 database.sqlite data.db app.db backup.db 1.zip test.zip files.zip
uploads.zip latest.zip release.zip dist.zip build.zip
export exports export.csv users.csv data.csv data.json data.xml users.json
log logs error.log error_log errors.log access.log access_log debug.log app.log application.log
server.log php_error.log php_errors.log install.log log.txt logs.txt nohup.out npm-debug.log
yarn-error.log storage/logs logs/error.log log/development.log log/production.log
nginx_status status.php stats statistics stat monitoring monitor health-check healthcheck ping ready
readyz livez alive heartbeat version version.txt VERSION build.txt build.json manifest.json info.json
about prometheus grafana kibana elasticsearch _cat/indices _cluster/health _nodes rabbitmq haproxy
stats.php _debug __debug__ _debugbar debugbar glimpse.axd WebResource.axd
about-us contact contact-us help faq support terms privacy legal news home main default default.aspx
default.asp index.asp index.aspx index.jsp index.htm index.cgi index.pl index.shtml home.html home.php
main.php search.php page pages post posts article articles category categories tag tags
product products shop store order orders cart checkout payment payments pay billing invoice invoices
subscription subscriptions pricing plans download downloads media resources resource content contents
data doc documents document documentation pdf report reports feed rss atom.xml rss.xml feed.xml
sitemap_index.xml sitemap.xml.gz sitemap.txt sitemaps
public public_html www html htdocs web webroot site sites src source lib libs library dist build out bin
obj scripts styles style fonts font icons icon image photos pictures video videos audio attachments
attachment userfiles cache .cache themes theme templates template skins layouts components modules
module plugins plugin extensions addons widgets packages assets/js assets/css js/app.js js/main.js
main.js app.js bundle.js static/js
testing tests demo sandbox stage stg preprod uat qa beta alpha new legacy prod production development
devel intranet local preview draft drafts
gitlab jira confluence wiki git svn cvs repo repository mail webmail email ftp sftp ssh vpn proxy remote
owa ecp autodiscover/autodiscover.xml exchange citrix
aspnet_client App_Data App_Code Views Content Scripts Areas elmah _vti_bin _vti_pvt _vti_inf.html
iisstart.htm
cgi-bin/test-cgi cgi-bin/printenv cgi-bin/php cgi cgi-sys cgi-local
error errors 404 404.html 500.html error.html 403.html 1 2 test1 test2 a b tmp.php temp.php old.php
new.php
account/login accounts admin/dashboard admin/users admin/api admin.html admin.jsp admin.aspx
admin/admin.php admins admin_login adminlogin admin1 admin2 login/admin siteadmin superadmin useradmin
api/v1/users api/v1/admin api/v1/health api/v1/swagger.json api/v2/users api/graphiql api/metrics
api/env api/upload api/files api/search api/items api/orders api/products api/account api/accounts
api/token api/tokens api/session api/v1/auth api/v1/login api/swagger-ui.html api/index.html
api/__schema
graphql/schema.json graphql.php graphql/v1 v1/graphql v2/graphql query.php
server status.json health.json healthcheck.php ping.php _health _status __health _ping system
system/info sys sysinfo diagnostics diag
.env.dist .env.prod.local .env.development.local .env.local.php .envrc credentials credentials.json
secrets secrets.json secrets.yml secret.txt keys key.pem private.key server.key server.pem cert.pem
privatekey.pem ssl
config.xml config.ini config.txt config.bak config.old config.php.old config.php.save config.php~
config.yaml config/config.yml config/app.php config/settings.json configs configuration conf conf.d
settings.ini settings.yml settings.xml application.properties application.yml application.yaml
bootstrap.yml
database.yml database.json database.php.bak db.json db.php.bak db.conf dbconfig.php wp-config.php.orig
wp-config.php.swp .wp-config.php.swp .config.php.swp index.php.swp .index.php.swp
site.tar www.rar backup.php backup/ backup.html backups.tar.gz backup1.zip backup2.zip old.tar.gz
temp.zip tmp.zip home.zip sites.zip
phpmyadmin/index.php phpMyAdmin/index.php phpmyadmin2 mysqladmin sqladmin dbadmin pgadmin
adminer/index.php
robots.txt.bak sitemap.php sitemap.html sitemap1.xml
login.action index.action admin.action struts2 console/login jmx metrics.json prometheus/metrics
monitoring/metrics management/health manage/health manage/env
uploads/files upload/files files/uploads media/uploads images/uploads user/files
crossdomain.xml.bak clientaccesspolicy.xml browserconfig.xml service-worker.js sw.js
manifest.webmanifest
`);

export type PathWordlistName = 'small' | 'medium';

export const PATH_WORDLISTS: Record<PathWordlistName, readonly string[]> = {
  small: Object.freeze(SMALL),
  medium: Object.freeze([...SMALL, ...MEDIUM_EXTRA]),
};
