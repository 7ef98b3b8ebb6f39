/**
 * Subdomain labels for guessing, most common first. Guesses cost one DNS question each (most names do not
 * exist), so `small` is the quick pass and `medium` the thorough one; `medium` begins with `small`.
 */

/** The labels real zones use most: mail and name servers, web, APIs, environments, admin and remote access. */
const SMALL = `
  www mail ftp webmail smtp pop imap ns1 ns2 ns3 ns4 dns dns1 dns2 mx mx1 mx2 autodiscover autoconfig
  cpanel whm webdisk m mobile api dev test staging stage beta demo admin portal vpn remote secure login
  sso auth blog shop store news forum support help docs wiki status cdn static assets img images media
  video app apps web www1 www2 www3 new old backup db mysql sql git gitlab jenkins jira confluence grafana
  kibana monitor intranet internal extranet owa exchange lyncdiscover sip calendar email search crm cms
  uat qa sandbox preprod prod cloud host server proxy gateway files download upload my dashboard panel
  office partners billing payments pay
`;

/** The rest of `medium`: numbered and environment variants, infrastructure, products and services. */
const MORE = `
  ns5 ns6 ns7 ns8 dns3 dns4 mx3 mx4 mx5 mail1 mail2 mail3 mail4 mail5 smtp1 smtp2 smtp3 pop3 imap4 imaps
  smtps webmail2 email2 mailgate mailhost mailserver mailer mailman mailing lists list listserv newsletter
  newsletters relay smtp-relay mta mailin mailout outbound inbound exchange2 owa2 autodiscover2 mobilemail
  spam antispam antivirus av barracuda mailscanner postfix zimbra roundcube horde squirrelmail rainloop
  www4 www5 www6 w web1 web2 web3 web4 web5 webserver webapp webapps website site sites app1 app2 app3
  api1 api2 api3 api-v1 api-v2 v1 v2 v3 rest graphql gql rpc soap ws wss websocket socket api-dev
  api-staging api-test api-qa api-uat api-prod api-beta api-sandbox api-internal api-gw apigw apigateway
  dev-api staging-api test-api qa-api uat-api sandbox-api internal-api public-api partner-api partners-api
  mobile-api m-api mapi openapi swagger api-docs apidocs developer developers devportal dev-portal dev1
  dev2 dev3 dev4 develop development devel devtest dev-test devops dev-admin admin-dev test1 test2 test3
  test4 testing tests tester testsite testweb test-admin admin-test stage1 stage2 staging1 staging2
  staging3 stg stg1 stg2 pre pre-prod preproduction preview previews qa1 qa2 qa3 uat1 uat2 uat3 sit sit1
  sit2 int integration perf performance load loadtest stress prod1 prod2 production live live2 demo1 demo2
  demos sandbox1 sandbox2 lab labs poc pilot trial beta1 beta2 alpha canary nightly next edge early rc
  release releases admin1 admin2 administrator administration admins adm sysadmin root superadmin manage
  manager management console cpanel2 control controlpanel cp plesk webmin directadmin ispconfig vesta
  panel2 backend backoffice back-office bo cockpit hq ops operations noc soc auth2 oauth oauth2 oidc
  openid idp id identity accounts account signin signup register registration sso2 saml adfs sts cas
  keycloak okta login2 logon logout session sessions password passwords reset secure2 security ssl tls
  cert certs certificates pki ca crl ocsp vpn1 vpn2 vpn3 sslvpn ssl-vpn openvpn wireguard ipsec anyconnect
  globalprotect fortigate fortinet remote2 rdp rdweb rds citrix ctx xen vdi horizon workspace terminal ts
  gateway2 gw gw1 gw2 firewall fw fw1 fw2 router switch proxy1 proxy2 squid socks waf lb lb1 lb2
  loadbalancer haproxy nginx apache iis tomcat jboss weblogic websphere glassfish jetty node nodejs php
  python ruby rails django flask laravel symfony spring java dotnet net asp aspnet cgi cgi-bin git2 github
  gitea gogs bitbucket svn cvs hg mercurial repo repos repository code source src ci cd cicd build builds
  builder drone travis circleci bamboo teamcity buildkite argo argocd jenkins2 ci-jenkins gitlab-ci runner
  runners artifactory nexus registry docker harbor quay packages pkg npm pypi maven gradle nuget helm
  charts k8s kubernetes kube rancher openshift nomad consul vault etcd zookeeper mesos marathon swarm
  prometheus alertmanager metrics graphite influx influxdb telegraf zabbix nagios icinga cacti munin
  observium librenms prtg datadog newrelic splunk graylog logstash elk elastic elasticsearch es logs log
  logging syslog sentry apm trace tracing jaeger zipkin uptime health healthcheck ping monitoring monitor2
  mon status2 statuspage stats stat statistics analytics analytic tracking track pixel tag tags tagmanager
  ads ad adserver advertising affiliate affiliates aff promo promos promotion campaign campaigns marketing
  mkt email-marketing mailchimp hubspot marketo pardot salesforce sf crm2 erp sap oracle odoo dynamics
  netsuite hr hris payroll workday bamboohr recruiting careers jobs job talent people employee employees
  staff team teams intra intranet2 corp corporate company extranet2 partner partnerportal supplier
  suppliers vendor vendors b2b b2c reseller resellers customer customers client clients clientportal
  customerportal member members membership user users profile profiles community communities social forums
  board boards discuss discussion chat chat2 im xmpp jabber irc slack mattermost rocketchat teams2 meet
  meeting meetings conference video2 webinar webinars zoom webex voip pbx asterisk freepbx sip2 lync skype
  phone phones fax sms mms push notify notification notifications alerts alert events event calendar2 cal
  booking bookings reservations reservation schedule scheduler appointments shop2 store2 estore eshop
  ecommerce commerce cart checkout order orders catalog catalogue products product pricing price quote
  quotes invoice invoices billing2 pay2 payment paypal stripe checkout2 wallet finance accounting tax bank
  banking loans insurance donate donations blog2 blogs news2 press pr media2 newsroom magazine journal
  articles article stories story content cms2 wordpress wp wp-admin wpadmin joomla drupal typo3 ghost
  umbraco sitecore contentful strapi headless directus kentico magento prestashop opencart woocommerce
  shopify bigcommerce static2 static1 assets2 assets1 cdn1 cdn2 cdn3 cdn-origin origin origin-www cache
  edge1 img1 img2 images2 image pics pictures photo photos gallery galleries thumbs thumbnails thumb icons
  fonts css js files2 file fileserver fs storage s3 bucket blob minio nas san nfs smb share shared shares
  download2 downloads dl upload2 uploads transfer sftp ftp2 ftps tftp mirror mirrors archive archives
  backup2 backups bak old2 legacy classic archive2 v4 new2 next2 beta3 db1 db2 db3 database databases sql2
  mssql mysql2 postgres postgresql pg pgadmin phpmyadmin pma mongo mongodb redis memcache memcached
  cassandra couchdb couch neo4j mariadb oracle-db rds2 data datalake warehouse dwh bi tableau looker
  metabase superset redash powerbi reports report reporting dashboard2 dashboards insights kpi search2
  solr sphinx lucene opensearch algolia docs2 doc documentation manual manuals guide guides kb
  knowledgebase faq faqs learn learning academy training edu education course courses school university
  library lib help2 helpdesk support2 servicedesk service-desk desk ticket tickets zendesk freshdesk jira2
  service services svc portal2 portals my2 myaccount self selfservice self-service home homepage main
  start index default info about contact en fr de it nl pt ru jp ja cn zh kr ko uk us eu asia au in br
  us-east us-west eu-west eu-central ap apac emea latam na global local east west north south central
  cloud2 aws azure gcp gce ec2 lambda functions serverless heroku vercel netlify os openstack vmware
  vcenter vsphere esxi esx proxmox hyperv kvm xenserver ovirt ipmi idrac ilo bmc kvm2 ups pdu printer
  printers print scanner cups hosting host1 host2 server1 server2 server3 srv srv1 srv2 node1 node2 node3
  vps dedicated cluster worker workers compute batch job1 queue mq rabbitmq rabbit kafka activemq nats
  pubsub cron tasks task scheduler2 airflow jupyter notebook notebooks rstudio spark hadoop hdfs hive ml
  ai model models gpu iot devices device mdm intune airwatch mobileiron jamf wifi wireless guest radius
  ldap ldaps dc dc1 dc2 domain kerberos ntp time snmp mail-gw webgw edge-gw bastion jump jumphost jumpbox
  ssh sshgw crm-dev crm-test shop-dev shop-test store-dev portal-dev portal-test admin-staging
  staging-admin app-dev app-staging app-test dev-app test-app web-dev web-test dev-web test-web www-dev
  www-test www-staging dev-www test-www staging-www new-www www-new www-old old-www m-dev m-test
  mobile-dev mobile-test beta-api api-old old-api api-new new-api internal-tools tools tool utils util
  admin-tools ops-tools devtools secret secrets private priv hidden restricted confidential temp tmp dummy
  example sample samples playground sandbox3 scratch feedback survey surveys forms form poll polls maps
  map geo location gis music radio stream streaming live-stream cast podcast podcasts audio game games
  gaming medical travel hotel hotels auto wiki2 confluence2 wiki-dev notes note pad pastebin paste trac
  redmine mantis bugzilla bugs bug issues issue tracker youtrack phabricator sonar sonarqube codecov
  coverage review gerrit crucible fisheye upsource design figma storybook ui ux styleguide brand feeds
  feed rss atom xml json link links go redirect r url short share2 social2 connect secure-mail securemail
  webmail-old mail-old oldmail newmail mail-new imap2 pop2 smtp4 smtp-out smtp-in mx6 mx7 mx8 mx10 ns0
  ns01 ns02 ns10 ns11 ns12 dns0 pdns resolver resolver1 resolver2 whois rdap epp vpn-gw vpn4 vpn5 remote3
  access
`;

const words = (text: string) => text.split(/\s+/).filter(Boolean);

export const SUBDOMAIN_WORDLISTS: Record<'small' | 'medium', readonly string[]> = {
  small: words(SMALL),
  medium: [...words(SMALL), ...words(MORE)],
};
